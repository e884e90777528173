package io.chefsache.diagrams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/IncidentLevel2Management.bpmn on its own: management is notified, the crew proposes a reply,
 * management approves, rewrites, sends back or declares a crisis within the deadline.
 */
@Deployment(resources = "IncidentLevel2Management.bpmn")
class IncidentLevel2ManagementDiagramTest extends LevelDiagramTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = fullCoverage();

  final TaskListener managementDecisionCheck = mock(TaskListener.class);

  @BeforeEach
  void registerListeners() {
    Mocks.register("managementDecisionCheck", managementDecisionCheck);
  }

  /** started by IncidentEscalationProcess; management is notified asynchronously, then the crew proposes */
  ProcessInstance incidentOnLevel2() {
    ProcessInstance incident = runtimeService().startProcessInstanceByKey("IncidentLevel2Management", "incident-5",
        Map.of("incidentKey", "incident-5", "level", 2,
            "deadlines", Map.of("responseDue", "PT1H", "responseReminder", "PT30M")));
    assertThat(incident).isWaitingAt("Task_NotifyManagement");
    execute(job("Task_NotifyManagement", incident));
    assertThat(notified).containsExactly("management:level-2");
    assertThat(incident).isWaitingAt("Task_ProposeReply");
    return incident;
  }

  void propose(ProcessInstance incident, String reply) {
    assertThat(task(incident)).hasDefinitionKey("Task_ProposeReply").hasCandidateGroup("social-media-crew");
    complete(task(incident), withVariables("proposedReply", reply));
  }

  void decide(ProcessInstance incident, Map<String, Object> variables) {
    assertThat(task(incident)).hasDefinitionKey("Task_DecideOnReply").hasCandidateGroup("management");
    complete(task(incident), variables);
  }

  @Test
  void managementApprovesTheCrewsProposal() throws Exception {
    ProcessInstance incident = incidentOnLevel2();
    assertThat(task(incident).getDueDate()).isNotNull();
    assertThat(task(incident).getPriority()).isEqualTo(75);
    verify(dueDates).after("PT1H");

    propose(incident, "Wir entschuldigen uns.");
    decide(incident, Map.of("managementDecision", "approve"));
    verify(managementDecisionCheck).notify(any());
    execute(job("Task_PublishApprovedReply", incident));

    assertThat(published).containsExactly("Wir entschuldigen uns.");
    assertThat(incident).hasPassed("EndEvent_ReplyPublished", "SubProcess_DirectLine", "EndEvent_Decided")
        .isEnded();
  }

  @Test
  void managementRewritesTheProposal() throws Exception {
    ProcessInstance incident = incidentOnLevel2();
    propose(incident, "Wir entschuldigen uns.");
    decide(incident, Map.of("managementDecision", "rewrite", "rewrittenReply", "Wir bedauern das sehr."));
    execute(job("Task_PublishApprovedReply", incident));

    assertThat(published).containsExactly("Wir bedauern das sehr.");
    assertThat(incident).hasPassed("EndEvent_Decided").isEnded();
  }

  @Test
  void managementSendsTheProposalBackToTheCrew() throws Exception {
    ProcessInstance incident = incidentOnLevel2();
    propose(incident, "Erster Entwurf.");
    decide(incident, Map.of("managementDecision", "sendBack"));

    verify(publishReply, never()).execute(any());
    propose(incident, "Zweiter Entwurf.");
    decide(incident, Map.of("managementDecision", "approve"));
    execute(job("Task_PublishApprovedReply", incident));

    assertThat(published).containsExactly("Zweiter Entwurf.");
    assertThat(incident).isEnded();
  }

  @Test
  void managementDeclaresACrisis() throws Exception {
    ProcessInstance incident = incidentOnLevel2();
    propose(incident, "Wir entschuldigen uns.");
    decide(incident, Map.of("managementDecision", "escalate"));

    // the escalation end event: IncidentEscalationProcess catches it on the call activity and raises level 3
    verify(publishReply, never()).execute(any());
    assertThat(incident).hasPassed("EndEvent_CrisisRequested").isEnded();
  }

  @Test
  void anApprovedReplyThePlatformRejectsGoesBackToTheCrew() throws Exception {
    doThrow(new BpmnError("PlatformRejected", "Konto gesperrt")).when(publishReply).execute(any());
    ProcessInstance incident = incidentOnLevel2();
    propose(incident, "Wir entschuldigen uns.");
    decide(incident, Map.of("managementDecision", "approve"));

    execute(job("Task_PublishApprovedReply", incident));

    assertThat(incident).hasPassed("BoundaryEvent_ApprovedReplyRejected").isWaitingAt("Task_ProposeReply")
        .variables().containsEntry("platformRejection", "Konto gesperrt");
  }

  @Test
  void managementIsRemindedWhileTheDecisionStaysOpen() throws Exception {
    ProcessInstance incident = incidentOnLevel2();

    execute(job("BoundaryEvent_DecisionReminder", incident));
    execute(job("Task_RemindManagement", incident));

    assertThat(notified).containsExactly("management:level-2", "management:decision-reminder");
    assertThat(incident).hasPassed("EndEvent_ManagementReminded").isWaitingAt("Task_ProposeReply");
  }

  @Test
  void aMissedDecisionAsksTheDeputiesAndEscalates() throws Exception {
    ProcessInstance incident = incidentOnLevel2();
    propose(incident, "Wir entschuldigen uns.");

    execute(job("BoundaryEvent_DecisionOverdue", incident));
    assertThat(incident).isWaitingAt("Task_NotifyApproversDecisionOverdue");
    execute(job("Task_NotifyApproversDecisionOverdue", incident));

    assertThat(notified).containsExactly("management:level-2", "crisis-approvers:decision-overdue");
    assertThat(incident).hasPassed("EndEvent_DecisionOverdue").hasNotPassed("EndEvent_Decided").isEnded();
  }
}
