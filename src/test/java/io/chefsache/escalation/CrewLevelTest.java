package io.chefsache.escalation;

import static io.chefsache.support.IncidentDriver.influencerComplaint;
import static io.chefsache.support.IncidentDriver.question;
import static io.chefsache.support.IncidentDriver.spam;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.chefsache.notify.OutboundAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CrewLevelTest extends EscalationTestBase {

  @Autowired
  IncidentProcess incidents;

  @Test
  void aQuestionGoesToTheCrewWithDeadlineAndPriority() {
    var incident = driver.open(question());

    assertThat(incident).isWaitingAt("CallActivity_Crew");
    assertThat(driver.variable(incident, "level")).isEqualTo(1);
    assertThat(driver.variable(incident, "levelCauseType")).isEqualTo("triage");
    assertThat(driver.variable(incident, "levelCause")).isEqualTo("Triage: Beschwerde oder Frage an den Kundenservice");
    var task = driver.task(incident, "Task_RespondToMention");
    assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
        .extracting(IdentityLink::getGroupId).containsExactly("social-media-crew");
    assertThat(task.getPriority()).isEqualTo(50);
    assertThat(task.getDueDate().toInstant()).isCloseTo(Instant.now().plus(Duration.ofMinutes(60)),
        within(1, ChronoUnit.MINUTES));
  }

  @Test
  void thePreFilledTemplateIsPublishedAsShownAndTheIncidentCloses() {
    var incident = driver.open(question());
    var task = driver.task(incident, "Task_RespondToMention");
    String shown = (String) engine.getTaskService().getVariable(task.getId(), "replyText");

    driver.complete(incident, "Task_RespondToMention", "mia", Map.of("crewDecision", "reply", "replyText", shown));

    assertThat(incident).isEnded().hasPassed("EndEvent_Resolved");
    assertThat(driver.outbound(incident)).extracting(OutboundAction::kind, OutboundAction::body)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(OutboundAction.Kind.REPLY, shown));
  }

  @Test
  void aTextTheFormDoesNotShowIsNeverPublished() {
    var incident = driver.open(question());
    var task = driver.task(incident, "Task_RespondToMention");

    assertThatThrownBy(() -> driver.complete(incident, "Task_RespondToMention", "mia",
        Map.of("crewDecision", "reply", "replyText", "", "replyTemplate", "UNSEEN <!channel>")))
        .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("replyText");
    assertThat(driver.outbound(incident)).isEmpty();
    assertThat(driver.task(incident, "Task_RespondToMention").getId()).isEqualTo(task.getId());
  }

  @Test
  void freeTextIsPublished() {
    var incident = driver.open(question());

    driver.complete(incident, "Task_RespondToMention", "mia",
        Map.of("crewDecision", "reply", "replyText", "Our own words"));

    assertThat(driver.outbound(incident)).extracting(OutboundAction::body).containsExactly("Our own words");
    assertThat(driver.outbound(incident).get(0).inReplyTo()).startsWith("mention-");
  }

  @Test
  void aReplyNeedsItsText() {
    var incident = driver.open(question());
    var task = driver.task(incident, "Task_RespondToMention");

    // the form pre-fills the reply with a template: the crew emptied it
    assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(),
        Map.of("crewDecision", "reply", "replyText", " ")))
        .isInstanceOf(ProcessEngineException.class).hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("replyText");
    assertThat(driver.task(incident, "Task_RespondToMention").getId()).isEqualTo(task.getId());
  }

  @Test
  void aReplyTemplateTableWithAnErrorLeavesTheCrewItsTaskWithAnEmptyReply() throws IOException {
    // the German rows name their language with an expression the table's reader does not evaluate
    String broken = Files.readString(Path.of("bpmn", "ReplyTemplates.dmn"))
        .replace("<text>\"de\"</text>", "<text>substring(\"xde\", 2)</text>");
    String deployment = engine.getRepositoryService().createDeployment().name("broken-templates")
        .addString("ReplyTemplates.dmn", broken).deploy().getId();
    try {
      var incident = driver.open(question());
      var task = driver.task(incident, "Task_RespondToMention");

      assertThat(engine.getTaskService().getVariable(task.getId(), "replyText")).as("the crew writes it").isNull();
      assertThat(engine.getTaskService().getVariable(task.getId(), "mentionLanguage")).isEqualTo("de");
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment);
    }
  }

  @Test
  void spamCanBeHidden() {
    var incident = driver.open(question());

    driver.complete(incident, "Task_RespondToMention", "jonas", Map.of("crewDecision", "hideSpam"));

    assertThat(incident).isEnded();
    assertThat(driver.level(incident)).isNull();
    assertThat(kinds(driver.outbound(incident))).containsExactly("HIDE:facebook");
  }

  @Test
  void closingWithoutReplyNeedsAReason() {
    var incident = driver.open(question());
    var task = driver.task(incident, "Task_RespondToMention");

    assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), Map.of("crewDecision", "close")))
        .isInstanceOf(ProcessEngineException.class).hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("closeReason");
    driver.complete(incident, "Task_RespondToMention", "mia",
        Map.of("crewDecision", "close", "closeReason", "Answered by phone"));

    assertThat(incident).isEnded().hasPassed("EndEvent_Resolved");
    assertThat(driver.outbound(incident)).isEmpty();
  }

  @Test
  void theCrewCanAskForEscalation() {
    var incident = driver.open(question());

    driver.complete(incident, "Task_RespondToMention", "mia", Map.of("crewDecision", "escalate"));

    assertThat(incident).isWaitingAt("CallActivity_Management");
    assertThat(driver.variable(incident, "level")).isEqualTo(2);
    assertThat(driver.variable(incident, "levelCauseType")).isEqualTo("person");
    assertThat(kinds(driver.outbound(incident))).containsExactly("NOTIFY:management:level-2");
  }

  @Test
  void theReminderTellsTheCrewAndKeepsTheTask() {
    var incident = driver.open(question());
    String taskId = driver.task(incident, "Task_RespondToMention").getId();

    driver.fireTimer(incident, "BoundaryEvent_ResponseReminder");

    assertThat(driver.task(incident, "Task_RespondToMention").getId()).isEqualTo(taskId);
    assertThat(kinds(driver.outbound(incident))).containsExactly("NOTIFY:social-media-crew:response-reminder");
  }

  @Test
  void aMissedDeadlineEscalatesToManagement() {
    var incident = driver.open(question());

    driver.fireTimer(incident, "BoundaryEvent_ResponseOverdue");

    assertThat(incident).isWaitingAt("CallActivity_Management");
    assertThat(driver.variable(incident, "levelCauseType")).isEqualTo("deadline");
    assertThat(driver.variable(incident, "levelCause")).asString().isEqualTo("Frist verpasst: Die Antwort der Crew ist überfällig");
    assertThat(driver.task(incident, "Task_ProposeReply")).isNotNull();
  }

  @Test
  void aMissedDeadlineWhileANewMentionRaisesTheIncidentToLevel2LeavesItAtLevel2NotInACrisis() {
    var incident = driver.open(question());
    engine.getManagementService().executeJob(driver.timer(incident, "BoundaryEvent_ResponseOverdue").getId());
    // the raise after the crew waits for the job executor; meanwhile a new mention is triaged as level 2
    incidents.reportNewActivity(incident.getId(), influencerComplaint());
    engine.getManagementService().executeJob(driver.job(incident, "Task_RetriageIncident").getId());
    engine.getManagementService().executeJob(driver.job(incident, "Task_ApplyRetriage").getId());

    driver.runJobs(incident.getId());

    assertThat(driver.variable(incident, "level")).isEqualTo(2);
    assertThat(incident).isWaitingAt("CallActivity_Management").hasNotPassed("CallActivity_Crisis");
    assertThat(driver.task(incident, "Task_ProposeReply")).isNotNull();
  }

  @Test
  void spamIsObservedAndClosedWhenTheWindowPassesQuietly() {
    var incident = driver.open(spam());

    assertThat(incident).isWaitingAt("Event_ObservationWindowPassed");
    assertThat(driver.variable(incident, "level")).isEqualTo(0);
    assertThat(driver.variable(incident, "levelCause")).isEqualTo("Triage: Spam");
    assertThat(driver.openTasks(incident)).isEmpty();

    driver.fireTimer(incident, "Event_ObservationWindowPassed");

    assertThat(incident).isEnded().hasPassed("EndEvent_ClosedAsNoise");
  }

  @Test
  void newActivityOnObservedSpamStartsTheWindowAgain() {
    var incident = driver.open(spam());
    String firstTimer = driver.timer(incident, "Event_ObservationWindowPassed").getId();

    driver.reportNewActivity(incident, io.chefsache.support.IncidentDriver.figures(2, 0, 90, 0.0, "spam"));

    assertThat(incident).isWaitingAt("Event_ObservationWindowPassed");
    assertThat(driver.timer(incident, "Event_ObservationWindowPassed").getId()).isNotEqualTo(firstTimer);
    assertThat(driver.variable(incident, "level")).isEqualTo(0);
  }
}
