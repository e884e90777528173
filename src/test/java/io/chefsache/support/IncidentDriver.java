package io.chefsache.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.escalation.FirstMention;
import io.chefsache.escalation.IncidentFigures;
import io.chefsache.escalation.IncidentProcess;
import io.chefsache.escalation.IncidentVariables;
import io.chefsache.notify.OutboundAction;
import io.chefsache.notify.OutboundActions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives incidents through the escalation model the way the job executor and the staff would, one
 * step at a time, so process tests can look at every state in between.
 */
public class IncidentDriver {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ProcessEngine engine;
  private final IncidentProcess incidents;
  private final OutboundActions outbound;

  public IncidentDriver(ProcessEngine engine, IncidentProcess incidents, OutboundActions outbound) {
    this.engine = engine;
    this.incidents = incidents;
    this.outbound = outbound;
  }

  public static IncidentFigures figures(long mentions, long negative60m, long reach, Double sentiment, String... topics) {
    return new IncidentFigures(mentions, negative60m, reach, sentiment, List.of(topics), List.of(topics).contains("press"));
  }

  public static IncidentFigures question() {
    return figures(1, 0, 120, -0.1, "customer-service");
  }

  /** A sensitive topic: the thread is part of a story and joins its situation (DMN SituationGrouping). */
  public static IncidentFigures productSafety() {
    return figures(1, 1, 340, -0.7, "product-safety", "customer-service");
  }

  /** Level 2 on a thread of its own: an influencer's complaint that belongs to no story. */
  public static IncidentFigures influencerComplaint() {
    return figures(1, 1, 80_000, -0.8, "customer-service");
  }

  /** Level 3 on a thread of its own: a flood of complaints that belongs to no story. */
  public static IncidentFigures shitstorm() {
    return figures(180, 120, 280_000, -0.95, "customer-service");
  }

  public static IncidentFigures spam() {
    return figures(1, 0, 90, 0.0, "spam");
  }

  /** Opens an incident on a fresh Facebook thread and runs it until it waits for people or time. */
  public ProcessInstance open(IncidentFigures figures) {
    return open(figures, "facebook");
  }

  /** Opens an incident on a fresh thread of the platform and runs it until it waits for people or time. */
  public ProcessInstance open(IncidentFigures figures, String platform) {
    return open(figures, platform, null);
  }

  /** Opens an incident whose listening tool names its story (threads of one story form one situation). */
  public ProcessInstance open(IncidentFigures figures, String platform, String storyId) {
    return open(figures, platform, "Gabel am neuen E-Bike gebrochen. <b>Support</b> meint, ich sei selbst schuld.",
        storyId, null);
  }

  /** Opens an incident whose first mention says {@code text}, in the language its listening tool declared (or null). */
  public ProcessInstance open(IncidentFigures figures, String platform, String text, String storyId, String language) {
    String thread = "thread-" + THREADS.incrementAndGet() + "-" + System.nanoTime();
    var mention = new FirstMention("mention-" + thread, platform, thread, "@kunde", text,
        "https://facebook.example/" + thread, storyId, language);
    String id = incidents.open(mention, figures);
    runJobs(id);
    return instance(id);
  }

  public void reportNewActivity(ProcessInstance incident, IncidentFigures figures) {
    incidents.reportNewActivity(incident.getId(), figures);
    runJobs(incident.getId());
  }

  public ProcessInstance instance(String id) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  /** The running called process (a level) of an incident, if any. */
  public ProcessInstance level(ProcessInstance incident) {
    return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(incident.getId())
        .singleResult();
  }

  /** Executes the incident's asynchronous continuations (not its timers) until none is left. */
  public void runJobs(String incidentId) {
    for (int round = 0; round < 50; round++) {
      List<Job> jobs = jobs(incidentId).stream().filter(job -> job.getDuedate() == null).toList();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
    throw new AssertionError("jobs of " + incidentId + " do not come to rest");
  }

  /** Lets the timer of a boundary or intermediate event fire now, then runs what follows. */
  public void fireTimer(ProcessInstance incident, String activityId) {
    Job timer = timer(incident, activityId);
    engine.getManagementService().executeJob(timer.getId());
    runJobs(incident.getId());
  }

  public Job timer(ProcessInstance incident, String activityId) {
    return processTree(incident.getId()).stream()
        .flatMap(id -> engine.getManagementService().createJobQuery().timers().processInstanceId(id)
            .activityId(activityId).list().stream())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no timer at " + activityId));
  }

  /** The job of an asynchronous continuation waiting at an activity of the incident. */
  public Job job(ProcessInstance incident, String activityId) {
    return processTree(incident.getId()).stream()
        .flatMap(id -> engine.getManagementService().createJobQuery().messages().processInstanceId(id)
            .activityId(activityId).list().stream())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no job at " + activityId));
  }

  private List<Job> jobs(String incidentId) {
    List<Job> jobs = new ArrayList<>();
    for (String id : processTree(incidentId)) {
      jobs.addAll(engine.getManagementService().createJobQuery().processInstanceId(id).list());
    }
    return jobs;
  }

  /** The incident's process instance, its levels and its chat notifications: all share its business key. */
  private List<String> processTree(String incidentId) {
    List<String> ids = new ArrayList<>(List.of(incidentId));
    String businessKey = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(incidentId)
        .singleResult().getBusinessKey();
    engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list().stream()
        .map(ProcessInstance::getId).filter(id -> !id.equals(incidentId)).forEach(ids::add);
    return ids;
  }

  /** The open task of a level at {@code taskKey}. */
  public Task task(ProcessInstance incident, String taskKey) {
    List<Task> tasks = new ArrayList<>();
    for (String id : processTree(incident.getId())) {
      tasks.addAll(engine.getTaskService().createTaskQuery().processInstanceId(id).taskDefinitionKey(taskKey).list());
    }
    assertThat(tasks).as("open tasks at " + taskKey).hasSize(1);
    return tasks.get(0);
  }

  public List<Task> openTasks(ProcessInstance incident) {
    List<Task> tasks = new ArrayList<>();
    processTree(incident.getId()).forEach(id ->
        tasks.addAll(engine.getTaskService().createTaskQuery().processInstanceId(id).list()));
    return tasks;
  }

  /** A person claims the task and completes it with the form's values, as Tasklist does. */
  public void complete(ProcessInstance incident, String taskKey, String user, Map<String, Object> form) {
    Task task = task(incident, taskKey);
    engine.getTaskService().claim(task.getId(), user);
    engine.getTaskService().complete(task.getId(), form);
    runJobs(incident.getId());
  }

  /**
   * Removes a test's own deployment: its instances first, then the deployment without cascade (the
   * only deletion the application allows, src/site/markdown/process-owners.md).
   */
  public void undeploy(String deploymentId) {
    engine.getRuntimeService().createProcessInstanceQuery().deploymentId(deploymentId).list()
        .forEach(instance -> engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test over"));
    engine.getRepositoryService().deleteDeployment(deploymentId);
  }

  public Object variable(ProcessInstance incident, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(incident.getId()).variableName(name).singleResult().getValue();
  }

  public List<OutboundAction> outbound(ProcessInstance incident) {
    return outbound.actionsOf((String) variable(incident, IncidentVariables.INCIDENT_KEY));
  }
}
