package io.chefsache.audit;

import io.chefsache.escalation.EscalationLevel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Overview figures for a period: incidents per level, time to the first published reply and to
 * management's decision (median, p90), and deadlines missed per level, step and group, situations'
 * own steps included: where the crisis plan stalls. Works-council mode (the default) keeps figures
 * away from persons: tasks and misses per person are counted only when
 * {@code chefsache.audit.per-person-figures} is on (§ 87 (1) no. 6 BetrVG; see audit.md). The
 * timeline still names who acted.
 */
@Service
public class AuditFigures {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{[^}]*\\}");

  static final String MANAGEMENT_PROCESS = "IncidentLevel2Management";
  static final String DECISION_TASK = "Task_DecideOnReply";
  static final String LINE_PROCESS = "SituationLevel2Line";
  /** A situation's line is management's decision for all its threads, whether management or the deputy sets it. */
  static final Set<String> LINE_TASKS = Set.of("Task_SetLine", "Task_SetLineAsDeputy");
  private static final Map<String, Integer> LEVEL_OF_PROCESS = Map.of(
      "IncidentLevel1Crew", 1, MANAGEMENT_PROCESS, 2, "IncidentLevel3Crisis", 3, LINE_PROCESS, 2,
      "SituationProcess", 2);

  private final IncidentList incidents;
  private final HistoryService history;
  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;
  private final RepositoryService repository;
  private final SituationRecord situations;
  private final boolean perPersonFigures;
  private final Map<String, String> stepNames = new ConcurrentHashMap<>();
  private final Map<String, List<String>> stepGroups = new ConcurrentHashMap<>();
  private final GroupNames groupNames;

  AuditFigures(IncidentList incidents, HistoryService history, NamedParameterJdbcTemplate jdbc, Clock clock,
      RepositoryService repository, SituationRecord situations, GroupNames groupNames,
      @Value("${chefsache.audit.per-person-figures:false}") boolean perPersonFigures) {
    this.groupNames = groupNames;
    this.situations = situations;
    this.perPersonFigures = perPersonFigures;
    this.repository = repository;
    this.incidents = incidents;
    this.history = history;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Median and 90th percentile (nearest rank) of some durations. */
  public record Stat(int count, Duration median, Duration p90) {

    static Stat of(List<Duration> durations) {
      List<Duration> sorted = durations.stream().sorted().toList();
      return new Stat(sorted.size(), rank(sorted, 0.5), rank(sorted, 0.9));
    }

    private static Duration rank(List<Duration> sorted, double quantile) {
      return sorted.isEmpty() ? null : sorted.get((int) Math.ceil(quantile * sorted.size()) - 1);
    }
  }

  /**
   * Deadlines of one step (a task) at one level, worked by {@code group} (the groups' names as the
   * engine knows them): {@code due} counts the deadlines decided so far (passed, or the task ended
   * before them) except those withdrawn with their task before they came.
   */
  public record Step(int level, String task, String name, String group, int due, int missed) {
  }

  /** Tasks one person completed in the period and how many of them after their deadline. */
  public record Person(String user, int completed, int late) {
  }

  /**
   * The figures of a period; {@code perPerson} is empty in works-council mode. {@code managementDecision}
   * counts incidents' decisions and situations' lines, {@code managementLines} of them lines.
   */
  public record Figures(Instant from, Instant to, int incidents, Map<String, Long> perLevel, Stat firstResponse,
      Stat managementDecision, int managementLines, List<Step> deadlines, boolean perPersonFigures,
      List<Person> perPerson) {

    public int missed() {
      return deadlines.stream().mapToInt(Step::missed).sum();
    }
  }

  public Figures of(Instant from, Instant to) {
    return of(from, to, perPersonFigures);
  }

  Figures of(Instant from, Instant to, boolean perPerson) {
    List<IncidentList.Incident> all = incidents.incidents(from, to);
    Map<String, Long> perLevel = new TreeMap<>(Comparator.comparing(name -> EscalationLevel.valueOf(name.toUpperCase())
        .ordinal()));
    for (EscalationLevel level : EscalationLevel.values()) {
      perLevel.put(level.label(), 0L);
    }
    all.forEach(incident -> perLevel.merge(incident.levelName(), 1L, Long::sum));
    List<HistoricTaskInstance> incidentTasks = all.stream().flatMap(incident -> incident.tasks().stream()).toList();
    List<HistoricTaskInstance> situationTasks = situationTasks(from, to);
    List<HistoricTaskInstance> tasks = new ArrayList<>(incidentTasks);
    tasks.addAll(situationTasks);
    Map<String, Integer> levelOfInstance = new HashMap<>();
    all.forEach(incident -> incident.tasks().forEach(task -> levelOfInstance.put(task.getId(), incident.level())));
    List<Duration> decisions = firstDecisions(incidentTasks, DECISION_TASK::equals);
    List<Duration> lines = firstDecisions(situationTasks, LINE_TASKS::contains);
    List<Duration> managementDecisions = new ArrayList<>(decisions);
    managementDecisions.addAll(lines);
    return new Figures(from, to, all.size(), perLevel, firstResponse(all), Stat.of(managementDecisions), lines.size(),
        deadlines(tasks, levelOfInstance), perPerson, perPerson ? perPerson(tasks) : List.of());
  }

  /** The tasks of the situations opened in the period: their line, their crisis, their review. */
  private List<HistoricTaskInstance> situationTasks(Instant from, Instant to) {
    String[] keys = situations.opened(from, to).stream().map(SituationRecord.Summary::key).toArray(String[]::new);
    return keys.length == 0 ? List.of()
        : history.createHistoricTaskInstanceQuery().processInstanceBusinessKeyIn(keys).list();
  }

  private List<Person> perPerson(List<HistoricTaskInstance> tasks) {
    Map<String, int[]> counts = new TreeMap<>();
    for (HistoricTaskInstance task : tasks) {
      if (task.getAssignee() != null && "completed".equals(task.getDeleteReason())) {
        int[] count = counts.computeIfAbsent(task.getAssignee(), user -> new int[2]);
        count[0]++;
        if (task.getDueDate() != null && task.getEndTime().after(task.getDueDate())) {
          count[1]++;
        }
      }
    }
    return counts.entrySet().stream().map(person -> new Person(person.getKey(), person.getValue()[0],
        person.getValue()[1])).toList();
  }

  private Stat firstResponse(List<IncidentList.Incident> all) {
    if (all.isEmpty()) {
      return Stat.of(List.of());
    }
    Map<String, Instant> opened = all.stream()
        .collect(Collectors.toMap(IncidentList.Incident::incidentKey, IncidentList.Incident::openedAt, (a, b) -> a));
    List<Duration> durations = new ArrayList<>();
    jdbc.query("""
        select incident_key, min(created_at) from outbound_action
        where kind = 'REPLY' and status = 'SENT' and incident_key in (:keys) group by incident_key""",
        Map.of("keys", opened.keySet()), rs -> {
          durations.add(Duration.between(opened.get(rs.getString(1)), rs.getTimestamp(2).toInstant()));
        });
    return Stat.of(durations);
  }

  /**
   * For each management process among {@code tasks}' processes, the time from its start to the first
   * decision completed in it: an incident's direct line (IncidentLevel2Management) starts when the
   * incident reaches level 2, a situation's line (SituationLevel2Line) when the situation does (or
   * when its threads need a line beside its crisis). The first decision is the first completed task
   * that {@code decision} accepts (its task definition key).
   */
  private List<Duration> firstDecisions(List<HistoricTaskInstance> tasks, Predicate<String> decision) {
    Map<String, Instant> firstDecision = new HashMap<>();
    tasks.stream().filter(task -> decision.test(task.getTaskDefinitionKey()) && task.getEndTime() != null
            && "completed".equals(task.getDeleteReason()))
        .forEach(task -> firstDecision.merge(task.getProcessInstanceId(), task.getEndTime().toInstant(),
            (a, b) -> a.isBefore(b) ? a : b));
    if (firstDecision.isEmpty()) {
      return List.of();
    }
    Map<String, Instant> started = history.createHistoricProcessInstanceQuery()
        .processInstanceIds(firstDecision.keySet()).list().stream()
        .collect(Collectors.toMap(HistoricProcessInstance::getId, line -> line.getStartTime().toInstant()));
    return firstDecision.entrySet().stream()
        .map(first -> Duration.between(started.get(first.getKey()), first.getValue())).toList();
  }

  /**
   * A step as the diagram names it, without what a task's name adds from its process (a situation's
   * title, e.g. "Mit der Linie antworten: Produktsicherheit seit …"): one row per step, not per situation.
   */
  private String stepName(HistoricTaskInstance task) {
    return stepNames.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(), key -> {
      FlowElement element = repository.getBpmnModelInstance(task.getProcessDefinitionId())
          .getModelElementById(task.getTaskDefinitionKey());
      String name = element == null || element.getName() == null ? task.getName() : element.getName();
      return EXPRESSION.matcher(name).replaceAll("").replaceAll("[:\\s]+$", "");
    });
  }

  /** The ids of the groups a step is offered to, as its diagram lists them (camunda:candidateGroups). */
  private List<String> stepGroups(HistoricTaskInstance task) {
    return stepGroups.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(), key ->
        repository.getBpmnModelInstance(task.getProcessDefinitionId()).getModelElementById(task.getTaskDefinitionKey())
            instanceof UserTask step ? step.getCamundaCandidateGroupsList() : List.of());
  }

  private List<Step> deadlines(List<HistoricTaskInstance> tasks, Map<String, Integer> levelOfIncident) {
    Instant now = clock.instant();
    Map<List<Object>, int[]> counts = new TreeMap<>(Comparator.comparing((List<Object> key) -> (Integer) key.get(0))
        .thenComparing(key -> (String) key.get(1)));
    Map<String, String> names = new HashMap<>();
    Map<String, List<String>> groups = new HashMap<>();
    for (HistoricTaskInstance task : tasks) {
      if (!IncidentList.deadlineDecided(task, now)) {
        continue;
      }
      int level = LEVEL_OF_PROCESS.getOrDefault(task.getProcessDefinitionKey(),
          levelOfIncident.getOrDefault(task.getId(), 0));
      names.put(task.getTaskDefinitionKey(), stepName(task));
      groups.put(task.getTaskDefinitionKey(), stepGroups(task));
      int[] count = counts.computeIfAbsent(List.of(level, task.getTaskDefinitionKey()), key -> new int[2]);
      count[0]++;
      if (IncidentList.missed(task, now)) {
        count[1]++;
      }
    }
    Map<String, String> groupNamesById = groupNames.all();
    return counts.entrySet().stream().map(step -> new Step((Integer) step.getKey().get(0),
        (String) step.getKey().get(1), names.get((String) step.getKey().get(1)),
        GroupNames.of(groupNamesById, groups.get((String) step.getKey().get(1))), step.getValue()[0],
        step.getValue()[1])).toList();
  }
}
