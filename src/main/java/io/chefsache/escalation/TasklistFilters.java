package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.INCIDENT_KEY;
import static io.chefsache.escalation.IncidentVariables.LEVEL;
import static io.chefsache.escalation.IncidentVariables.MENTION_AUTHOR;
import static io.chefsache.escalation.IncidentVariables.MENTION_EXCERPT;
import static io.chefsache.escalation.IncidentVariables.SITUATION_KEY;
import static io.chefsache.escalation.IncidentVariables.SITUATION_TITLE;
import static io.chefsache.security.Grants.grant;

import io.chefsache.security.Roles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaProcessEngineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters of the crisis plan, each readable by its groups. On every start the filters
 * Chefsache manages (found by name, or by their former English name) get their current name, query
 * and properties, so an existing database does not keep yesterday's; filters an admin added, and
 * properties an admin added to ours, stay.
 *
 * <p>Every filter lists tasks soonest due first: Camunda puts a filter's ordering before the sorting
 * that Tasklist sends, so Tasklist's sort menu only orders tasks due at the same moment. Tasks
 * without a due date (Krise für beendet erklären) come last: PostgreSQL sorts missing values last, and H2
 * does so with DEFAULT_NULL_ORDERING=HIGH in its URL.
 */
@Component
class TasklistFilters implements CamundaProcessEngineConfiguration {

  /** A process variable that Tasklist shows on every row of a filter, under its label. */
  record Column(String variable, String label) {
  }

  /** The columns of every filter, in the order Tasklist shows them. Labels live only here, for translation. */
  static final List<Column> COLUMNS = List.of(
      new Column(SITUATION_TITLE, "Lage"),
      new Column(INCIDENT_KEY, "Vorfall"),
      new Column(MENTION_AUTHOR, "Verfasser:in"),
      new Column(MENTION_EXCERPT, "Erwähnung"),
      new Column(LEVEL, "Stufe"));

  /**
   * The processes in which each group has user tasks. Tasklist shows a row's columns (process
   * variables) only to people who may read the task's process instance, so each group may read the
   * instances of these processes; without it the crew saw the task names and nothing else.
   */
  static final Map<String, List<String>> PROCESSES_WITH_TASKS_OF = Map.of(
      Roles.CREW, List.of("IncidentLevel1Crew", "IncidentLevel2Management", "SituationThreadReply"),
      Roles.MANAGEMENT, List.of("IncidentLevel2Management", IncidentProcess.PROCESS_KEY, Situations.PROCESS_KEY,
          "SituationLevel2Line", "SituationThreadReply"),
      Roles.CRISIS_TEAM, List.of("IncidentLevel3Crisis"),
      Roles.CRISIS_APPROVERS, List.of("IncidentLevel3Crisis", "SituationLevel2Line"));

  static final String CREW_QUEUE = "Social-Media-Crew";
  static final String MANAGEMENT_DECISIONS = "Entscheidungen der Geschäftsleitung";
  static final String SITUATIONS = "Lagen";
  static final String CRISIS_TEAM = "Krisenstab";
  static final String HOLDING_STATEMENT_APPROVAL = "Freigaben (CEO und Vertretung)";
  static final String OVERDUE = "Überfällig";
  static final String MY_TASKS = "Meine Aufgaben";

  private static final Logger LOG = LoggerFactory.getLogger(TasklistFilters.class);
  private static final String OVERDUE_COLOR = "#b5152b";

  /**
   * A filter; {@code formerName} is its name before Chefsache spoke German (until 3 December 2026):
   * a filter of an existing database found by it is renamed, not duplicated.
   */
  private record Definition(String name, String formerName, int order, String description, TaskQuery query,
      Map<String, Object> extraProperties, List<String> readers) {

    Definition(String name, String formerName, int order, String description, TaskQuery query, String... readers) {
      this(name, formerName, order, description, query, Map.of(), List.of(readers));
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    definitions(engine.getTaskService()).forEach(definition -> save(engine, definition));
    PROCESSES_WITH_TASKS_OF.forEach((group, processes) -> processes.forEach(process -> grant(
        engine.getAuthorizationService(), group, Resources.PROCESS_DEFINITION, process,
        ProcessDefinitionPermissions.READ_INSTANCE)));
  }

  private static List<Definition> definitions(TaskService tasks) {
    String[] staff = Roles.STAFF.toArray(String[]::new);
    return List.of(
        new Definition(CREW_QUEUE, "Crew queue", 10,
            "Erwähnungen, die die Social-Media-Crew beantwortet oder für die sie eine Antwort vorschlägt",
            candidates(tasks, Roles.CREW), Roles.CREW),
        new Definition(MANAGEMENT_DECISIONS, "Needs management decision", 20,
            "Direkter Draht: verbindliche Entscheidungen (Stufe 2)",
            candidates(tasks, Roles.MANAGEMENT), Roles.MANAGEMENT),
        new Definition(SITUATIONS, "Situations", 25,
            "Lagen: die Linie für eine Gruppe von Threads, die eine Geschichte erzählen",
            candidates(tasks, Roles.MANAGEMENT).processVariableValueLike(SITUATION_KEY, "%"), Roles.MANAGEMENT),
        new Definition(CRISIS_TEAM, "Crisis team", 30, "Krise mit dem CEO (Stufe 3)",
            candidates(tasks, Roles.CRISIS_TEAM), Roles.CRISIS_TEAM),
        new Definition(HOLDING_STATEMENT_APPROVAL, "Holding statement approval", 40,
            "CEO oder Vertretung: Freigaben, und die Linie einer Lage, wenn die Geschäftsleitung überfällig ist",
            candidates(tasks, Roles.CRISIS_APPROVERS), Roles.CRISIS_APPROVERS),
        new Definition(OVERDUE, "Overdue", 50,
            "Aufgaben Ihrer Gruppen und Ihnen zugewiesene Aufgaben, deren Frist abgelaufen ist",
            overdue(tasks), Map.of("color", OVERDUE_COLOR), List.of(staff)),
        new Definition(MY_TASKS, "My tasks", 60, "Aufgaben, die Sie übernommen haben",
            tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), staff));
  }

  /** Tasks a group may take, including those one of its members has claimed. */
  private static TaskQuery candidates(TaskService tasks, String group) {
    return tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks();
  }

  /**
   * Overdue tasks that one of the person's groups may take (claimed or not) and tasks given to the
   * person. Without the or-part the filter showed every overdue task the person may read, and an
   * auditor (or an admin) may read all of them.
   */
  private static TaskQuery overdue(TaskService tasks) {
    return tasks.createTaskQuery()
        .dueBeforeExpression("${now()}")
        .or()
          .taskCandidateUserExpression("${currentUser()}").includeAssignedTasks()
          .taskAssigneeExpression("${currentUser()}")
        .endOr();
  }

  private static void save(ProcessEngine engine, Definition definition) {
    FilterService filters = engine.getFilterService();
    List<Filter> existing = new ArrayList<>(filters.createFilterQuery().filterName(definition.name()).list());
    existing.addAll(filters.createFilterQuery().filterName(definition.formerName()).list());
    List<Filter> managed = existing.isEmpty() ? List.of(filters.newTaskFilter(definition.name())) : existing;
    TaskQuery query = soonestDueFirst(definition.query());
    for (Filter filter : managed) {
      Map<String, Object> properties = filter.getProperties() == null
          ? new HashMap<>() : new HashMap<>(filter.getProperties());
      properties.putAll(properties(definition));
      filters.saveFilter(filter.setName(definition.name()).setQuery(query).setProperties(properties));
      for (String group : definition.readers()) {
        grant(engine.getAuthorizationService(), group, Resources.FILTER, filter.getId(), Permissions.READ);
      }
    }
    if (existing.isEmpty()) {
      LOG.info("Created Tasklist filter {}", definition.name());
    }
  }

  /**
   * Soonest due first; at the same due date the higher level first, then the older task. Only
   * active tasks, as Tasklist asks for, so that the counts beside the filters match their lists.
   */
  private static TaskQuery soonestDueFirst(TaskQuery query) {
    return query.active().orderByDueDate().asc().orderByTaskPriority().desc().orderByTaskCreateTime().asc();
  }

  private static Map<String, Object> properties(Definition definition) {
    Map<String, Object> properties = new HashMap<>(definition.extraProperties());
    properties.put("priority", definition.order());
    properties.put("description", definition.description());
    // Tasklist lists the selected filter again every 10 seconds; the counts beside all filters are
    // Chefsache's own (Tasklist shows a count beside the selected filter only).
    properties.put("refresh", true);
    properties.put("showUndefinedVariable", false);
    properties.put("variables", COLUMNS.stream()
        .map(column -> Map.of("name", column.variable(), "label", column.label()))
        .toList());
    return properties;
  }
}
