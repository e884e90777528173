package io.chefsache.escalation;

import static io.chefsache.support.IncidentDriver.influencerComplaint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.chefsache.notify.OutboundAction;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.Test;

class ManagementLevelTest extends EscalationTestBase {

  private ProcessInstance proposed(String reply) {
    var incident = driver.open(influencerComplaint());
    driver.complete(incident, "Task_ProposeReply", "mia", Map.of("proposedReply", reply, "proposalNote", "Video is real"));
    return incident;
  }

  @Test
  void aProductSafetyComplaintGoesToManagementOnTheDirectLine() {
    var incident = driver.open(influencerComplaint());

    assertThat(incident).isWaitingAt("CallActivity_Management");
    assertThat(driver.variable(incident, "level")).isEqualTo(2);
    assertThat((String) driver.variable(incident, "levelCause")).contains("mit 50.000 oder mehr Reichweite");
    assertThat(kinds(driver.outbound(incident))).containsExactly("NOTIFY:management:level-2");
    var proposal = driver.task(incident, "Task_ProposeReply");
    assertThat(proposal.getPriority()).isEqualTo(75);
    assertThat(proposal.getDueDate().toInstant()).isCloseTo(Instant.now().plus(Duration.ofMinutes(30)),
        within(1, ChronoUnit.MINUTES));
  }

  @Test
  void managementApprovesTheCrewsProposalWhichIsThenPublishedAndReviewed() {
    var incident = proposed("Wir prüfen das sofort.");
    var decision = driver.task(incident, "Task_DecideOnReply");
    assertThat(engine.getTaskService().getIdentityLinksForTask(decision.getId()))
        .extracting(IdentityLink::getGroupId).containsExactly("management");
    assertThat(driver.outbound(incident)).extracting(OutboundAction::kind).doesNotContain(OutboundAction.Kind.REPLY);

    driver.complete(incident, "Task_DecideOnReply", "sabine",
        Map.of("managementDecision", "approve", "decisionReason", "Fits our line"));

    assertThat(driver.outbound(incident)).filteredOn(action -> action.kind() == OutboundAction.Kind.REPLY)
        .extracting(OutboundAction::body).containsExactly("Wir prüfen das sofort.");
    assertThat(incident).isWaitingAt("Task_PostIncidentReview");
    driver.complete(incident, "Task_PostIncidentReview", "sabine", Map.of("lessonsLearned", "Answer faster"));
    assertThat(incident).isEnded().hasPassed("EndEvent_Reviewed");
  }

  @Test
  void managementRewritesTheReply() {
    var incident = proposed("Draft");

    driver.complete(incident, "Task_DecideOnReply", "sabine", Map.of("managementDecision", "rewrite",
        "rewrittenReply", "Management's words", "decisionReason", "Tone"));

    assertThat(driver.outbound(incident)).filteredOn(action -> action.kind() == OutboundAction.Kind.REPLY)
        .extracting(OutboundAction::body).containsExactly("Management's words");
  }

  @Test
  void managementSendsTheProposalBackToTheCrew() {
    var incident = proposed("Draft");

    driver.complete(incident, "Task_DecideOnReply", "sabine",
        Map.of("managementDecision", "sendBack", "decisionReason", "Mention the recall hotline"));

    assertThat(driver.task(incident, "Task_ProposeReply")).isNotNull();
    assertThat(driver.outbound(incident)).extracting(OutboundAction::kind).doesNotContain(OutboundAction.Kind.REPLY);
  }

  @Test
  void managementEscalatesToTheCrisisTeam() {
    var incident = proposed("Draft");

    driver.complete(incident, "Task_DecideOnReply", "sabine",
        Map.of("managementDecision", "escalate", "decisionReason", "Press is calling"));

    assertThat(incident).isWaitingAt("CallActivity_Crisis");
    assertThat(driver.variable(incident, "level")).isEqualTo(3);
    assertThat(driver.variable(incident, "levelCause")).isEqualTo("Person: Die Geschäftsleitung hat die Krise ausgerufen");
    assertThat(kinds(driver.outbound(incident))).contains("NOTIFY:crisis-team:level-3");
  }

  @Test
  void whoProposedTheReplyCannotApproveIt() {
    var incident = proposed("Draft");
    var decision = driver.task(incident, "Task_DecideOnReply");
    engine.getTaskService().claim(decision.getId(), "mia");

    assertThatThrownBy(() -> engine.getTaskService().complete(decision.getId(),
        Map.of("managementDecision", "approve", "decisionReason", "ok")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Vier-Augen-Prinzip");
  }

  @Test
  void approvingAChangedTextIsRecordedAsTheApproversRewrite() {
    var incident = proposed("Draft");
    String directLine = driver.task(incident, "Task_DecideOnReply").getProcessInstanceId();

    driver.complete(incident, "Task_DecideOnReply", "sabine", Map.of("managementDecision", "approve",
        "proposedReply", "Sabine's words", "decisionReason", "Fits our line"));

    assertThat(driver.outbound(incident)).filteredOn(action -> action.kind() == OutboundAction.Kind.REPLY)
        .extracting(OutboundAction::body).containsExactly("Sabine's words");
    assertThat(variable(directLine, "managementDecision")).isEqualTo("rewrite");
    assertThat(variable(directLine, "rewrittenReply")).isEqualTo("Sabine's words");
  }

  private Object variable(String processInstanceId, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableName(name).singleResult().getValue();
  }

  @Test
  void aDecisionNeedsItsReason() {
    var incident = proposed("Draft");
    var decision = driver.task(incident, "Task_DecideOnReply");

    assertThatThrownBy(() -> engine.getTaskService().complete(decision.getId(), Map.of("managementDecision", "approve")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("decisionReason");
  }

  @Test
  void theReminderTellsManagement() {
    var incident = proposed("Draft");

    driver.fireTimer(incident, "BoundaryEvent_DecisionReminder");

    assertThat(kinds(driver.outbound(incident))).containsExactly("NOTIFY:management:level-2",
        "NOTIFY:management:decision-reminder");
    assertThat(driver.task(incident, "Task_DecideOnReply")).isNotNull();
  }

  @Test
  void aMissedDecisionAsksTheDeputyAndEscalatesToTheCrisisTeam() {
    var incident = proposed("Draft");

    driver.fireTimer(incident, "BoundaryEvent_DecisionOverdue");

    assertThat(incident).isWaitingAt("CallActivity_Crisis");
    assertThat(driver.variable(incident, "levelCauseType")).isEqualTo("deadline");
    assertThat(kinds(driver.outbound(incident))).containsExactly("NOTIFY:management:level-2",
        "NOTIFY:crisis-approvers:decision-overdue", "NOTIFY:crisis-team:level-3");
  }
}
