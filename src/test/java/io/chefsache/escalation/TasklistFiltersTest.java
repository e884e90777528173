package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.INCIDENT_KEY;
import static io.chefsache.escalation.IncidentVariables.LEVEL;
import static io.chefsache.escalation.IncidentVariables.MENTION_AUTHOR;
import static io.chefsache.escalation.IncidentVariables.MENTION_EXCERPT;
import static io.chefsache.escalation.IncidentVariables.SITUATION_KEY;
import static io.chefsache.escalation.IncidentVariables.SITUATION_TITLE;
import static io.chefsache.support.IncidentDriver.question;
import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.security.Roles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

/**
 * The Tasklist filters as the staff get them: listed through the engine's FilterService as a person
 * of a group, with the engine's authorization checks, against incidents driven through the diagrams.
 */
class TasklistFiltersTest extends EscalationTestBase {

  private static final List<String> MANAGED = List.of(TasklistFilters.CREW_QUEUE, TasklistFilters.MANAGEMENT_DECISIONS,
      TasklistFilters.SITUATIONS, TasklistFilters.CRISIS_TEAM, TasklistFilters.HOLDING_STATEMENT_APPROVAL,
      TasklistFilters.OVERDUE, TasklistFilters.MY_TASKS);

  @Test
  void theCrewQueueListsTasksSoonestDueFirstAndEveryColumnIsWhereTasklistLooksForIt() {
    List<Task> opened = new ArrayList<>();
    for (int minutes : new int[] {40, 10, 25}) {
      Task task = driver.task(driver.open(question()), "Task_RespondToMention");
      dueIn(task, Duration.ofMinutes(minutes));
      engine.getRuntimeService().setVariable(task.getProcessInstanceId(), MENTION_EXCERPT, "Excerpt " + minutes);
      opened.add(task);
    }
    // A higher level (its priority) does not put a task due later before one due sooner
    engine.getTaskService().setPriority(opened.get(0).getId(), 75);
    Task undated = driver.task(driver.open(question()), "Task_RespondToMention");
    engine.getTaskService().setDueDate(undated.getId(), null);

    List<Task> queue = listAs("mia", TasklistFilters.CREW_QUEUE);

    assertThat(queue).extracting(Task::getDueDate).isSortedAccordingTo(Comparator.nullsLast(Comparator.naturalOrder()));
    assertThat(queue).extracting(Task::getId).containsSubsequence(opened.get(1).getId(), opened.get(2).getId(),
        opened.get(0).getId(), undated.getId());
    List<String> shown = asUser("mia", List.of(), () -> variablesTasklistShows(opened.get(0))).stream()
        .map(VariableInstance::getName).toList();
    assertThat(shown).as("the columns mia may read where Tasklist looks for them")
        .contains(INCIDENT_KEY, MENTION_AUTHOR, MENTION_EXCERPT, LEVEL);
  }

  @Test
  void everyFilterShowsTheColumnsRefreshesAndHidesColumnsATaskDoesNotHave() {
    List<Map<String, String>> columns = List.of(
        Map.of("name", SITUATION_TITLE, "label", "Lage"),
        Map.of("name", INCIDENT_KEY, "label", "Vorfall"),
        Map.of("name", MENTION_AUTHOR, "label", "Verfasser:in"),
        Map.of("name", MENTION_EXCERPT, "label", "Erwähnung"),
        Map.of("name", LEVEL, "label", "Stufe"));

    for (String name : MANAGED) {
      assertThat(filter(name).getProperties()).as(name)
          .containsEntry("variables", columns)
          .containsEntry("refresh", true)
          .containsEntry("showUndefinedVariable", false);
    }
    assertThat(MANAGED).extracting(name -> ((Number) filter(name).getProperties().get("priority")).intValue())
        .isSorted();
  }

  @Test
  void overdueListsTheOverdueTasksOfThePersonsGroupsAndThoseGivenToThemAndNothingElse() {
    Task open = driver.task(driver.open(question()), "Task_RespondToMention");
    Task claimedByJonas = driver.task(driver.open(question()), "Task_RespondToMention");
    engine.getTaskService().claim(claimedByJonas.getId(), "jonas");
    Task notYetDue = driver.task(driver.open(question()), "Task_RespondToMention");
    Task managements = managementTask();
    Task givenToMia = managementTask();
    engine.getTaskService().setAssignee(givenToMia.getId(), "mia");
    for (Task task : List.of(open, claimedByJonas, managements, givenToMia)) {
      dueIn(task, Duration.ofMinutes(-5));
    }
    String headOfCommunications = user(Roles.MANAGEMENT, Roles.AUDITORS);

    List<String> mias = ids(listAs("mia", TasklistFilters.OVERDUE));
    List<String> sabines = ids(listAs("sabine", TasklistFilters.OVERDUE));
    List<String> theAuditingManagers = ids(listAs(headOfCommunications, TasklistFilters.OVERDUE));

    assertThat(mias).contains(open.getId(), claimedByJonas.getId(), givenToMia.getId())
        .doesNotContain(notYetDue.getId(), managements.getId());
    assertThat(sabines).contains(managements.getId(), givenToMia.getId()).doesNotContain(open.getId());
    assertThat(theAuditingManagers).as("an auditor may read every task; Overdue shows the ones of their groups")
        .contains(managements.getId()).doesNotContain(open.getId(), claimedByJonas.getId());
    assertThat(countAs("mia", TasklistFilters.OVERDUE)).isEqualTo(mias.size());
  }

  @Test
  void managementsSituationsFilterListsTheSituationsTasksAndNotTheIncidents() {
    // A stand-in for the situation process, under a tenant of its own: the real SituationProcess
    // (deployed without a tenant) stays the latest version that everything else starts
    String tenant = "tasklist-filters-test";
    String deployment = engine.getRepositoryService().createDeployment().tenantId(tenant)
        .addModelInstance(Situations.PROCESS_KEY + ".bpmn",
            Bpmn.createExecutableProcess(Situations.PROCESS_KEY).camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_SetTheLine").name("Set the line: ${situationTitle}")
                .camundaCandidateGroups(Roles.MANAGEMENT).camundaDueDate("${dueDates.after('PT30M')}")
                .endEvent().done())
        .deploy().getId();
    try {
      ProcessInstance situation = engine.getRuntimeService()
          .createProcessInstanceByKey(Situations.PROCESS_KEY).processDefinitionTenantId(tenant)
          .setVariable(SITUATION_KEY, "situation-product-safety")
          .setVariable(SITUATION_TITLE, "Produktsicherheit seit 08:00 (facebook, x)")
          .execute();
      Task decision = managementTask();

      List<Task> situations = asUser("sabine", List.of(tenant), () -> list(TasklistFilters.SITUATIONS));
      List<Task> decisions = asUser("sabine", List.of(tenant), () -> list(TasklistFilters.MANAGEMENT_DECISIONS));

      assertThat(situations).extracting(Task::getProcessInstanceId).containsExactly(situation.getId());
      assertThat(situations.get(0).getName()).isEqualTo("Set the line: Produktsicherheit seit 08:00 (facebook, x)");
      assertThat(ids(decisions)).contains(decision.getId());
      assertThat(ids(situations)).doesNotContain(decision.getId());
      assertThat(listAs("mia", TasklistFilters.CREW_QUEUE)).extracting(Task::getProcessInstanceId)
          .doesNotContain(situation.getId());
    } finally {
      driver.undeploy(deployment);
    }
  }

  @Test
  void aStartBringsTheFiltersOfAnExistingDatabaseUpToDateAndKeepsWhatAnAdminAdded() {
    var filters = engine.getFilterService();
    Filter crewQueue = filter(TasklistFilters.CREW_QUEUE);
    Map<String, Object> yesterdays = new HashMap<>(Map.of("priority", 10, "description", "old", "color", "#123456"));
    // yesterday's filter still has its English name of the releases before 3 December 2026
    filters.saveFilter(crewQueue.setName("Crew queue").setProperties(yesterdays).setQuery(engine.getTaskService().createTaskQuery()
        .taskCandidateGroup(Roles.CREW).includeAssignedTasks().orderByTaskCreateTime().desc()));
    Filter adminsOwn = filters.saveFilter(filters.newTaskFilter("Press inquiries")
        .setQuery(engine.getTaskService().createTaskQuery().taskNameLike("%press%"))
        .setProperties(Map.of("priority", 70)));
    Task sooner = driver.task(driver.open(question()), "Task_RespondToMention");
    Task later = driver.task(driver.open(question()), "Task_RespondToMention");
    dueIn(later, Duration.ofMinutes(50));
    dueIn(sooner, Duration.ofMinutes(20));
    assertThat(ids(listAs("mia", "Crew queue"))).containsSubsequence(later.getId(), sooner.getId());

    try {
      new TasklistFilters().postProcessEngineBuild(engine);

      assertThat(filters.createFilterQuery().filterName(TasklistFilters.CREW_QUEUE).count()).isEqualTo(1);
      assertThat(filters.createFilterQuery().filterName("Crew queue").count()).as("renamed, not duplicated").isZero();
      assertThat(filter(TasklistFilters.CREW_QUEUE).getProperties())
          .containsEntry("color", "#123456").containsEntry("refresh", true).containsKey("variables")
          .doesNotContainEntry("description", "old");
      assertThat(ids(listAs("mia", TasklistFilters.CREW_QUEUE))).containsSubsequence(sooner.getId(), later.getId());
      assertThat(filters.getFilter(adminsOwn.getId()).getProperties()).containsOnlyKeys("priority");
    } finally {
      filters.deleteFilter(adminsOwn.getId());
    }
  }

  /** A task for management outside any situation (a standalone task: no chat message to wait for). */
  private Task managementTask() {
    var tasks = engine.getTaskService();
    Task task = tasks.newTask();
    task.setName("Decide on reply");
    tasks.saveTask(task);
    tasks.addCandidateGroup(task.getId(), Roles.MANAGEMENT);
    return task;
  }

  private void dueIn(Task task, Duration duration) {
    engine.getTaskService().setDueDate(task.getId(), Date.from(Instant.now().plus(duration)));
  }

  /** The variables the REST API embeds for a task in a filter's list: the task's, its execution's, its process's. */
  private List<VariableInstance> variablesTasklistShows(Task task) {
    return engine.getRuntimeService().createVariableInstanceQuery()
        .variableScopeIdIn(task.getId(), task.getExecutionId(), task.getProcessInstanceId())
        .variableNameIn(TasklistFilters.COLUMNS.stream().map(TasklistFilters.Column::variable).toArray(String[]::new))
        .list();
  }

  private String user(String... groups) {
    String id = "tester-" + System.nanoTime();
    User user = engine.getIdentityService().newUser(id);
    user.setPassword("irrelevant-" + id);
    engine.getIdentityService().saveUser(user);
    for (String group : groups) {
      engine.getIdentityService().createMembership(id, group);
    }
    return id;
  }

  private Filter filter(String name) {
    return engine.getFilterService().createFilterQuery().filterName(name).singleResult();
  }

  private List<Task> listAs(String user, String filterName) {
    return asUser(user, List.of(), () -> list(filterName));
  }

  private long countAs(String user, String filterName) {
    return asUser(user, List.of(), () -> engine.getFilterService().count(filter(filterName).getId()));
  }

  private List<Task> list(String filterName) {
    return engine.getFilterService().list(filter(filterName).getId());
  }

  /** Runs as a person of their groups (and tenants) logged into Tasklist, with the engine's authorization checks. */
  private <T> T asUser(String user, List<String> tenants, Supplier<T> work) {
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    engine.getIdentityService().setAuthentication(user, groups, tenants);
    try {
      return work.get();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private static List<String> ids(List<Task> tasks) {
    return tasks.stream().map(Task::getId).toList();
  }
}
