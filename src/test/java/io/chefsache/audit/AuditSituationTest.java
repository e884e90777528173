package io.chefsache.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.BrowserSession;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.IncidentDriver;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
  @LocalServerPort
  int port;

  /** Two threads of one story: one situation at level 2, waiting for management's line. */
  private List<ProcessInstance> story() {
    String storyId = "audit-" + System.nanoTime();
    var threads = List.of(driver.open(IncidentDriver.productSafety(), "facebook", storyId),
        driver.open(IncidentDriver.productSafety(), "x", storyId));
    settle(threads);
    return threads;
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
    Instant from = Instant.now().minusSeconds(1);
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
}
