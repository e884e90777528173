package io.chefsache.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.BrowserSession;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.IncidentDriver;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the audit pages say about situations: management's lines among its decisions, and the
 * deadlines a situation missed on each of its threads.
 */
@ChefsacheTest
class AuditSituationTest {

  private static final Map<String, Object> LINE = Map.of("lineCoreStatement", "Wir prüfen jede gemeldete Gabel.",
      "lineReply", "Danke für den Hinweis: Wir prüfen jede gemeldete Gabel und melden uns per DM.",
      "lineTone", "empathetic", "pausePosts", false, "answerAllWithLine", false);

  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentDriver driver;
  @Autowired
  AuditFigures figures;
  @Autowired
  IncidentList incidents;
  @Autowired
  IncidentTimeline timelines;
  @LocalServerPort
  int port;

  private final List<String> situationKeys = new ArrayList<>();
  private final List<ProcessInstance> threads = new ArrayList<>();

  /** Two threads of one story: one situation at level 2, waiting for management's line. */
  private List<ProcessInstance> story() {
    String storyId = "audit-" + System.nanoTime();
    var story = List.of(driver.open(IncidentDriver.productSafety(), "facebook", storyId),
        driver.open(IncidentDriver.productSafety(), "x", storyId));
    settle(story);
    threads.addAll(story);
    situationKeys.add(situationKey(story.get(0)));
    return story;
  }

  /** The situations end, so that their tasks (following the situation) leave other tests' Tasklist filters. */
  @AfterEach
  void endTheSituations() {
    // the application's round that hands the line to the crew's tasks may touch a task meanwhile: try again
    Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreException(OptimisticLockingException.class).until(() -> {
      var runtime = engine.getRuntimeService();
      situationKeys.forEach(key -> runtime.createProcessInstanceQuery().processDefinitionKey("SituationProcess")
          .processInstanceBusinessKey(key).list()
          .forEach(situation -> runtime.deleteProcessInstance(situation.getId(), "test over")));
      threads.forEach(thread -> runtime.createProcessInstanceQuery().processInstanceId(thread.getId()).list()
          .forEach(running -> runtime.deleteProcessInstance(running.getId(), "test over")));
      return true;
    });
  }

  private String situationKey(ProcessInstance thread) {
    return (String) driver.variable(thread, "situationKey");
  }

  private ProcessInstance situation(String key) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("SituationProcess")
        .processInstanceBusinessKey(key).singleResult();
  }

  private Task task(String taskKey, String situationKey) {
    return engine.getTaskService().createTaskQuery().taskDefinitionKey(taskKey)
        .processVariableValueEquals("situationKey", situationKey).singleResult();
  }

  private void settle(List<ProcessInstance> threads) {
    for (int round = 0; round < 5; round++) {
      threads.forEach(thread -> driver.runJobs(thread.getId()));
      String key = situationKey(threads.get(0));
      if (key != null && situation(key) != null) {
        driver.runJobs(situation(key).getId());
      }
    }
  }

  private void complete(Task task, String user) {
    engine.getTaskService().claim(task.getId(), user);
    engine.getTaskService().complete(task.getId(), LINE);
  }

  /** Management let the line's deadline pass; the deputy set the line. */
  private void lineSetLateByTheDeputy(List<ProcessInstance> threads) {
    String key = situationKey(threads.get(0));
    Task setLine = task("Task_SetLine", key);
    setLine.setDueDate(Date.from(Instant.now().minus(1, ChronoUnit.MINUTES)));
    engine.getTaskService().saveTask(setLine);
    driver.fireTimer(situation(key), "BoundaryEvent_LineOverdue");
    settle(threads);
    complete(task("Task_SetLineAsDeputy", key), "tarek");
    settle(threads);
  }

  @Test
  void managementsDecisionTimeCountsTheSituationsLinesAndThePageSaysSo() {
    // from now: an incident the previous test opened (and decided) a moment ago is not this period's
    Instant from = Instant.now();
    var byManagement = story();
    complete(task("Task_SetLine", situationKey(byManagement.get(0))), "sabine");
    settle(byManagement);
    lineSetLateByTheDeputy(story());
    Instant to = Instant.now().plusSeconds(1);

    var period = figures.of(from, to);

    assertThat(period.managementLines()).as("management's line and the deputy's").isEqualTo(2);
    assertThat(period.managementDecision().count()).isEqualTo(2);
    assertThat(period.managementDecision().p90()).isBetween(period.managementDecision().median(),
        java.time.Duration.between(from, to));
    var browser = new BrowserSession(port);
    browser.logIn("ines", "demo");
    assertThat(browser.get("/audit").body())
        .containsPattern("id=\"figure-management-decision\">Median [^<]*, davon (\\d+ Linien von Lagen|1 Linie einer Lage)\\)<")
        .contains("vom Erreichen der Stufe 2 (Start des direkten Drahts eines Vorfalls oder der Linie einer Lage)")
        .contains("Linien von Lagen zählen mit, auch wenn die Vertretung sie festgelegt hat");
  }

  @Test
  void aLineSetLateIsADeadlineMissedOnEveryThreadWaitingForItInTheListAndInTheThreadsTimeline() {
    Instant from = Instant.now().minusSeconds(1);
    var threads = story();
    lineSetLateByTheDeputy(threads);
    List<String> keys = threads.stream().map(thread -> (String) driver.variable(thread, "incidentKey")).toList();

    var missed = incidents.list(new IncidentList.Filter(null, from, Instant.now().plusSeconds(1), true));

    assertThat(missed).extracting(IncidentList.Incident::incidentKey).containsAll(keys);
    for (String key : keys) {
      var listed = missed.stream().filter(incident -> incident.incidentKey().equals(key)).findFirst().orElseThrow();
      var timeline = timelines.of(key, Locale.GERMAN, ZoneOffset.UTC).orElseThrow();
      var missedInTimeline = timeline.ofType(TimelineEntry.Type.DEADLINE).stream()
          .filter(deadline -> "missed".equals(deadline.details().get("state"))).toList();
      assertThat(listed.missedDeadlines()).as("the list counts what the timeline shows as missed")
          .isEqualTo(missedInTimeline.size());
      assertThat(missedInTimeline).anySatisfy(deadline -> {
        assertThat(deadline.summary()).startsWith("Lage: Frist von „Linie festlegen: ").contains("verpasst");
        assertThat(deadline.details()).containsEntry("task", "Task_SetLine")
            .containsEntry("situationKey", situationKey(threads.get(0)));
      });
    }
    var browser = new BrowserSession(port);
    browser.logIn("ines", "demo");
    assertThat(browser.get("/audit?breached=true").body()).contains(keys);
    assertThat(browser.get("/audit?breached=false").body()).doesNotContain(keys.get(0)).doesNotContain(keys.get(1));
    assertThat(browser.get("/audit/incident?key=" + BrowserSession.encode(keys.get(0))).body())
        .contains("Lage: Frist von „Linie festlegen: ");
  }
}
