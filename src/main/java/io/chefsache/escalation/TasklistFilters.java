package io.chefsache.escalation;

import static io.chefsache.security.Grants.grant;

import io.chefsache.security.Roles;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaProcessEngineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The Tasklist filters of the crisis plan, created when the engine starts, each readable by its groups. */
@Component
class TasklistFilters implements CamundaProcessEngineConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(TasklistFilters.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    var tasks = engine.getTaskService();
    createFilter(engine, "Crew queue", 10, "Mentions the social-media crew answers (level 1)",
        tasks.createTaskQuery().taskCandidateGroup(Roles.CREW).includeAssignedTasks(), Roles.CREW);
    createFilter(engine, "Needs management decision", 20, "Direct line: binding decisions (level 2)",
        tasks.createTaskQuery().taskCandidateGroup(Roles.MANAGEMENT).includeAssignedTasks(), Roles.MANAGEMENT);
    createFilter(engine, "Crisis team", 30, "Crisis with the CEO (level 3)",
        tasks.createTaskQuery().taskCandidateGroup(Roles.CRISIS_TEAM).includeAssignedTasks(), Roles.CRISIS_TEAM);
    createFilter(engine, "Holding statement approval", 40, "Approval by the CEO or the deputy",
        tasks.createTaskQuery().taskCandidateGroup(Roles.CRISIS_APPROVERS).includeAssignedTasks(),
        Roles.CRISIS_APPROVERS);
    String[] staff = Roles.STAFF.toArray(String[]::new);
    createFilter(engine, "Overdue", 50, "Every task of yours whose deadline has passed",
        tasks.createTaskQuery().dueBeforeExpression("${now()}"), staff);
    createFilter(engine, "My tasks", 60, "Tasks you have claimed",
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), staff);
  }

  private static void createFilter(ProcessEngine engine, String name, int order, String description,
      TaskQuery query, String... readers) {
    FilterService filters = engine.getFilterService();
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(name)
          .setQuery(query.orderByTaskPriority().desc().orderByDueDate().asc())
          .setProperties(Map.of("priority", order, "description", description, "refresh", true));
      filters.saveFilter(filter);
      LOG.info("Created Tasklist filter {}", name);
    }
    for (String group : List.of(readers)) {
      grant(engine.getAuthorizationService(), group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }
}
