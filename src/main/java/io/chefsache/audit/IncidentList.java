package io.chefsache.audit;

import io.chefsache.escalation.EscalationLevel;
import io.chefsache.escalation.IncidentProcess;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/** The incidents of a period for the audit page and the overview figures. */
@Service
public class IncidentList {

  /** At most this many incidents are listed; narrow the period to see older ones. */
  public static final int LIMIT = 500;
  /** Incidents are read this many at a time, which also bounds the SQL {@code in} lists. */
  static final int PAGE = 500;

  private final HistoryService history;
  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;
  private final SituationRecord situations;

  IncidentList(HistoryService history, NamedParameterJdbcTemplate jdbc, Clock clock, SituationRecord situations) {
    this.situations = situations;
    this.history = history;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * An incident as listed: {@code tasks} are its own, {@code missedDeadlines} counts theirs and, for a
   * thread of a situation, the situation's deadlines missed while the thread was part of it, as the
   * thread's timeline shows them.
   */
  public record Incident(String incidentKey, String processInstanceId, Instant openedAt, Instant closedAt, int level,
      String levelName, long mentions, List<HistoricTaskInstance> tasks, int missedDeadlines) {

    public boolean breached() {
      return missedDeadlines > 0;
    }
  }

  /** Which incidents to list; {@code null} means any. */
  public record Filter(Integer level, Instant from, Instant to, Boolean breached) {
  }

  /** The newest {@value #LIMIT} incidents of the period that pass the filter. */
  public List<Incident> list(Filter filter) {
    return incidents(filter.from(), filter.to()).stream()
        .filter(incident -> filter.level() == null || incident.level() == filter.level())
        .filter(incident -> filter.breached() == null || incident.breached() == filter.breached())
        .limit(LIMIT)
        .toList();
  }

  /**
   * Keys of all incidents opened in {@code [from, to)}, oldest first, a page at a time: however long
   * the period, one page is in memory. A key may come more than once (an incident reopened).
   */
  public void openedBetween(Instant from, Instant to, Consumer<String> key) {
    for (int first = 0; ; first += PAGE) {
      List<HistoricProcessInstance> page = instances(from, to, first, true);
      page.forEach(instance -> key.accept(instance.getBusinessKey()));
      if (page.size() < PAGE) {
        return;
      }
    }
  }

  /** All incidents opened in {@code [from, to)}, newest first, with their level, tasks and missed deadlines. */
  List<Incident> incidents(Instant from, Instant to) {
    return everyPage(from, to, this::incidents);
  }

  /** Reads the incidents of the period a page at a time and collects what {@code read} makes of each page. */
  private <T> List<T> everyPage(Instant from, Instant to, Function<List<HistoricProcessInstance>, List<T>> read) {
    List<T> all = new ArrayList<>();
    for (int first = 0; ; first += PAGE) {
      List<HistoricProcessInstance> page = instances(from, to, first, false);
      all.addAll(read.apply(page));
      if (page.size() < PAGE) {
        return all;
      }
    }
  }

  private List<Incident> incidents(List<HistoricProcessInstance> instances) {
    if (instances.isEmpty()) {
      return List.of();
    }
    Set<String> ids = instances.stream().map(HistoricProcessInstance::getId).collect(Collectors.toSet());
    Set<String> keys = instances.stream().map(HistoricProcessInstance::getBusinessKey).collect(Collectors.toSet());
    Map<String, Integer> levels = new HashMap<>();
    jdbc.query("select process_instance_id, level from incident_level where process_instance_id in (:ids)",
        Map.of("ids", ids), rs -> {
          levels.put(rs.getString(1), rs.getInt(2));
        });
    Map<String, Long> mentions = new HashMap<>();
    jdbc.query("select incident_key, count(*) from mention where incident_key in (:keys) group by incident_key",
        Map.of("keys", keys), rs -> {
          mentions.put(rs.getString(1), rs.getLong(2));
        });
    Map<String, String> keyOfInstance = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyIn(keys.toArray(String[]::new)).list().stream()
        .collect(Collectors.toMap(HistoricProcessInstance::getId, HistoricProcessInstance::getBusinessKey));
    Map<String, List<HistoricTaskInstance>> tasks = history.createHistoricTaskInstanceQuery()
        .processInstanceBusinessKeyIn(keys.toArray(String[]::new)).list().stream()
        .collect(Collectors.groupingBy(task -> keyOfInstance.get(task.getProcessInstanceId())));
    Map<String, List<HistoricTaskInstance>> ofSituation = situations.tasksConcerningThreads(keys);
    Instant now = clock.instant();
    return instances.stream().map(instance -> {
      int level = levels.getOrDefault(instance.getId(), 0);
      List<HistoricTaskInstance> own = tasks.getOrDefault(instance.getBusinessKey(), List.of());
      int missed = (int) Stream.concat(own.stream(),
              ofSituation.getOrDefault(instance.getBusinessKey(), List.of()).stream())
          .filter(task -> missed(task, now)).count();
      return new Incident(instance.getBusinessKey(), instance.getId(), instance.getStartTime().toInstant(),
          instance.getEndTime() == null ? null : instance.getEndTime().toInstant(), level,
          EscalationLevel.of(level).label(), mentions.getOrDefault(instance.getBusinessKey(), 0L), own, missed);
    }).toList();
  }

  /**
   * Whether a task's deadline has been decided by {@code now}: it has passed, or the task was
   * completed before it. A task withdrawn before its deadline (an escalation took it away) has no
   * deadline to count.
   */
  static boolean deadlineDecided(HistoricTaskInstance task, Instant now) {
    if (task.getDueDate() == null) {
      return false;
    }
    Instant due = task.getDueDate().toInstant();
    if (task.getEndTime() == null || task.getEndTime().toInstant().isAfter(due)) {
      return !due.isAfter(now);
    }
    return "completed".equals(task.getDeleteReason());
  }

  /** Whether a task's deadline was missed: done or taken away after it, or still open past it. */
  static boolean missed(HistoricTaskInstance task, Instant now) {
    if (task.getDueDate() == null) {
      return false;
    }
    Instant done = task.getEndTime() == null ? now : task.getEndTime().toInstant();
    return done.isAfter(task.getDueDate().toInstant());
  }

  private List<HistoricProcessInstance> instances(Instant from, Instant to, int first, boolean oldestFirst) {
    var query = history.createHistoricProcessInstanceQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY);
    if (from != null) {
      query.startedAfter(Date.from(from.minusMillis(1)));
    }
    if (to != null) {
      query.startedBefore(Date.from(to));
    }
    query.orderByProcessInstanceStartTime();
    (oldestFirst ? query.asc() : query.desc()).orderByProcessInstanceId().asc();
    return query.listPage(first, PAGE);
  }
}
