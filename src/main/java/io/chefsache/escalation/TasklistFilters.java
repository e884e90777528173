package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.INCIDENT_KEY;
import static io.chefsache.escalation.IncidentVariables.LEVEL;
import static io.chefsache.escalation.IncidentVariables.MENTION_AUTHOR;
import static io.chefsache.escalation.IncidentVariables.MENTION_EXCERPT;
import static io.chefsache.escalation.IncidentVariables.SITUATION_KEY;
import static io.chefsache.escalation.IncidentVariables.SITUATION_TITLE;
import static io.chefsache.security.Grants.grant;

import io.chefsache.security.Roles;
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
 * Chefsache manages (found by name) get their current query and properties, so an existing database
 * does not keep yesterday's; filters an admin added, and properties an admin added to ours, stay.
 *
 * <p>Every filter lists tasks soonest due first: Camunda puts a filter's ordering before the sorting
 * that Tasklist sends, so Tasklist's sort menu only orders tasks due at the same moment. Tasks
 * without a due date (Declare crisis over) come last: PostgreSQL sorts missing values last, and H2
 * does so with DEFAULT_NULL_ORDERING=HIGH in its URL.
 */
@Component
class TasklistFilters implements CamundaProcessEngineConfiguration {

  /** A process variable that Tasklist shows on every row of a filter, under its label. */
  record Column(String variable, String label) {
  }

  /** The columns of every filter, in the order Tasklist shows them. Labels live only here, for translation. */
  static final List<Column> COLUMNS = List.of(
      new Column(SITUATION_TITLE, "Situation"),
      new Column(INCIDENT_KEY, "Incident"),
      new Column(MENTION_AUTHOR, "Author"),
      new Column(MENTION_EXCERPT, "Mention"),
      new Column(LEVEL, "Level"));

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

  static final String CREW_QUEUE = "Crew queue";
  static final String MANAGEMENT_DECISIONS = "Needs management decision";
  static final String SITUATIONS = "Situations";
  static final String CRISIS_TEAM = "Crisis team";
  static final String HOLDING_STATEMENT_APPROVAL = "Holding statement approval";
  static final String OVERDUE = "Overdue";
  static final String MY_TASKS = "My tasks";

  private static final Logger LOG = LoggerFactory.getLogger(TasklistFilters.class);
  private static final String OVERDUE_COLOR = "#b5152b";

  private record Definition(String name, int order, String description, TaskQuery query,
      Map<String, Object> extraProperties, List<String> readers) {

    Definition(String name, int order, String description, TaskQuery query, String... readers) {
      this(name, order, description, query, Map.of(), List.of(readers));
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
        new Definition(CREW_QUEUE, 10, "Mentions the social-media crew answers or proposes a reply to",
            candidates(tasks, Roles.CREW), Roles.CREW),
        new Definition(MANAGEMENT_DECISIONS, 20, "Direct line: binding decisions (level 2)",
            candidates(tasks, Roles.MANAGEMENT), Roles.MANAGEMENT),
        new Definition(SITUATIONS, 25, "Situations: the line for a group of threads that tell one story",
            candidates(tasks, Roles.MANAGEMENT).processVariableValueLike(SITUATION_KEY, "%"), Roles.MANAGEMENT),
        new Definition(CRISIS_TEAM, 30, "Crisis with the CEO (level 3)",
            candidates(tasks, Roles.CRISIS_TEAM), Roles.CRISIS_TEAM),
        new Definition(HOLDING_STATEMENT_APPROVAL, 40,
            "The CEO or the deputy: approvals, and the situation's line when management is overdue",
            candidates(tasks, Roles.CRISIS_APPROVERS), Roles.CRISIS_APPROVERS),
        new Definition(OVERDUE, 50, "Tasks of your groups and tasks given to you whose deadline has passed",
            overdue(tasks), Map.of("color", OVERDUE_COLOR), List.of(staff)),
        new Definition(MY_TASKS, 60, "Tasks you have claimed",
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
    List<Filter> existing = filters.createFilterQuery().filterName(definition.name()).list();
    List<Filter> managed = existing.isEmpty() ? List.of(filters.newTaskFilter(definition.name())) : existing;
    TaskQuery query = soonestDueFirst(definition.query());
    for (Filter filter : managed) {
      Map<String, Object> properties = filter.getProperties() == null
          ? new HashMap<>() : new HashMap<>(filter.getProperties());
      properties.putAll(properties(definition));
      filters.saveFilter(filter.setQuery(query).setProperties(properties));
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
