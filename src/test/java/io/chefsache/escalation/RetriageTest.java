package io.chefsache.escalation;

import static io.chefsache.support.IncidentDriver.figures;
import static io.chefsache.support.IncidentDriver.influencerComplaint;
import static io.chefsache.support.IncidentDriver.question;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

class RetriageTest extends EscalationTestBase {

  @Test
  void aCrewThreadThatGoesViralJumpsToTheCrisisTeamAtOnce() {
    var incident = driver.open(question());
    assertThat(driver.openTasks(incident)).extracting(Task::getTaskDefinitionKey).containsExactly("Task_RespondToMention");

    driver.reportNewActivity(incident, figures(140, 104, 280_000, -0.9, "customer-service"));

    assertThat(incident).isWaitingAt("CallActivity_Crisis");
    assertThat(driver.variable(incident, "level")).isEqualTo(3);
    assertThat(driver.variable(incident, "levelCauseType")).isEqualTo("volume");
    assertThat((String) driver.variable(incident, "levelCause")).startsWith("Neue Aktivität: Shitstorm");
    assertThat(driver.openTasks(incident)).extracting(Task::getTaskDefinitionKey)
        .containsExactlyInAnyOrder("Task_DraftHoldingStatement", "Task_ReviewLegally");
  }

  @Test
  void newActivityBelowEveryRuleLeavesTheCrewAtWork() {
    var incident = driver.open(question());
    String taskId = driver.task(incident, "Task_RespondToMention").getId();

    driver.reportNewActivity(incident, figures(3, 1, 150, -0.2, "customer-service"));

    assertThat(driver.variable(incident, "level")).isEqualTo(1);
    assertThat(driver.task(incident, "Task_RespondToMention").getId()).isEqualTo(taskId);
    assertThat(driver.variable(incident, "mentionCount")).isEqualTo(3L);
  }

  @Test
  void aLevelNeverDropsByItself() {
    var incident = driver.open(influencerComplaint());

    driver.reportNewActivity(incident, figures(2, 0, 100, 0.4));

    assertThat(incident).isWaitingAt("CallActivity_Management");
    assertThat(driver.variable(incident, "level")).isEqualTo(2);
    assertThat(driver.variable(incident, "levelCauseType")).isEqualTo("triage");
  }

  @Test
  void volumeRaisesAManagementIncidentToCrisis() {
    var incident = driver.open(influencerComplaint());

    driver.reportNewActivity(incident, figures(60, 25, 52_000, -0.8, "customer-service", "press"));

    assertThat(incident).isWaitingAt("CallActivity_Crisis");
    assertThat((String) driver.variable(incident, "levelCause")).contains("Presse beteiligt und 20 oder mehr");
  }
}
