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
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/IncidentLevel3Crisis.bpmn on its own: the crisis team drafts a holding statement for the CEO
 * (or a deputy) to approve while legal reviews, status updates fall due in a cycle, and the team
 * declares the crisis over.
 */
@Deployment(resources = "IncidentLevel3Crisis.bpmn")

class IncidentLevel3CrisisDiagramTest extends LevelDiagramTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = fullCoverage();

  final TaskListener holdingStatementCheck = mock(TaskListener.class);

  @BeforeEach
  void registerListeners() {
    Mocks.register("holdingStatementCheck", holdingStatementCheck);
  }

  /** started by IncidentEscalationProcess or SituationProcess; the crisis team and CEO are alerted asynchronously */
  ProcessInstance crisis() {
    return crisis(Map.of("responseDue", "PT1H", "legalReviewDue", "PT2H", "statusUpdateCycle", "R/PT2H",
        "statusUpdateDue", "PT20M"));
  }

  ProcessInstance crisis(Map<String, Object> deadlines) {
    ProcessInstance crisis = runtimeService().startProcessInstanceByKey("IncidentLevel3Crisis", "incident-9",
        Map.of("incidentKey", "incident-9", "level", 3, "situationTitle", "Rückruf Charge 42", "deadlines", deadlines));
    assertThat(crisis).isWaitingAt("Task_AlertCrisisTeam");
    execute(job("Task_AlertCrisisTeam", crisis));
    assertThat(crisis).isWaitingAt("Task_DraftHoldingStatement", "Task_ReviewLegally");
    return crisis;
  }

  void draft(ProcessInstance crisis, String statement) {
    assertThat(task("Task_DraftHoldingStatement", crisis)).hasCandidateGroup("crisis-team")
        .hasName("Holding Statement entwerfen: Rückruf Charge 42");
    complete(task("Task_DraftHoldingStatement", crisis), withVariables("holdingStatement", statement));
  }

  void approve(ProcessInstance crisis, Map<String, Object> decision) {
    assertThat(task("Task_ApproveHoldingStatement", crisis)).hasCandidateGroup("crisis-approvers");
    complete(task("Task_ApproveHoldingStatement", crisis), decision);
  }

  @Test
  void theCrisisTeamPublishesAnApprovedHoldingStatementAndDeclaresTheCrisisOver() throws Exception {
    ProcessInstance crisis = crisis();
    assertThat(notified).containsExactly("crisis-team:level-3");
    assertThat(task("Task_DraftHoldingStatement", crisis).getPriority()).isEqualTo(100);
    verify(dueDates).after("PT1H");
    verify(dueDates).after("PT2H");

    draft(crisis, "Wir nehmen das sehr ernst.");
    approve(crisis, Map.of("holdingStatementDecision", "approve"));
    verify(holdingStatementCheck).notify(any());
    execute(job("Task_PublishHoldingStatement", crisis));
    assertThat(published).containsExactly("Wir nehmen das sehr ernst.");

    // the join waits for the legal review
    assertThat(crisis).isWaitingAt("Task_ReviewLegally").isNotWaitingAt("Task_DeclareCrisisOver");
    complete(task("Task_ReviewLegally", crisis));
    assertThat(crisis).isWaitingAt("Task_DeclareCrisisOver");
    complete(task("Task_DeclareCrisisOver", crisis));

    assertThat(crisis).hasPassed("EndEvent_CrisisResponseDone", "SubProcess_CrisisResponse", "EndEvent_CrisisOver")
        .isEnded();
  }

  @Test
  void theApproverSendsTheStatementBackForRevision() throws Exception {
    ProcessInstance crisis = crisis();
    draft(crisis, "Erster Entwurf.");
    approve(crisis, Map.of("holdingStatementDecision", "revise"));

    verify(publishReply, never()).execute(any());
    draft(crisis, "Zweiter Entwurf.");
    approve(crisis, Map.of("holdingStatementDecision", "approve"));
    execute(job("Task_PublishHoldingStatement", crisis));
    assertThat(published).containsExactly("Zweiter Entwurf.");
  }

  @Test
  void aStatementRewrittenByTheApproverNeedsAnotherApprover() throws Exception {
    ProcessInstance crisis = crisis();
    draft(crisis, "Erster Entwurf.");
    approve(crisis, Map.of("holdingStatementDecision", "rewrite", "holdingStatement", "Umgeschrieben."));

    assertThat(crisis).isWaitingAt("Task_ApproveHoldingStatement");
    approve(crisis, Map.of("holdingStatementDecision", "approve"));
    execute(job("Task_PublishHoldingStatement", crisis));
    assertThat(published).containsExactly("Umgeschrieben.");
  }

  @Test
  void aHoldingStatementThePlatformRejectsGoesBackToTheDraft() throws Exception {
    doThrow(new BpmnError("PlatformRejected", "zu lang")).when(publishReply).execute(any());
    ProcessInstance crisis = crisis();
    draft(crisis, "Wir nehmen das sehr ernst.");
    approve(crisis, Map.of("holdingStatementDecision", "approve"));

    execute(job("Task_PublishHoldingStatement", crisis));

    assertThat(crisis).hasPassed("BoundaryEvent_HoldingStatementRejected").isWaitingAt("Task_DraftHoldingStatement")
        .variables().containsEntry("platformRejection", "zu lang");
  }

  @Test
  void anOverdueHoldingStatementIsReportedToTheApprovers() {
    ProcessInstance crisis = crisis();

    execute(job("BoundaryEvent_HoldingStatementOverdue", crisis));
    execute(job("Task_NotifyHoldingStatementOverdue", crisis));

    assertThat(notified).containsExactly("crisis-team:level-3", "crisis-approvers:holding-statement-overdue");
    assertThat(crisis).hasPassed("EndEvent_HoldingStatementOverdueNotified").isWaitingAt("Task_DraftHoldingStatement");
  }

  @Test
  void anOverdueLegalReviewIsReportedToTheCrisisTeam() {
    ProcessInstance crisis = crisis();

    execute(job("BoundaryEvent_LegalReviewOverdue", crisis));
    execute(job("Task_NotifyLegalReviewOverdue", crisis));

    assertThat(notified).containsExactly("crisis-team:level-3", "crisis-team:legal-review-overdue");
    assertThat(crisis).hasPassed("EndEvent_LegalReviewOverdueNotified").isWaitingAt("Task_ReviewLegally");
  }

  @Test
  void aStatusUpdateFallsDueIsWrittenAndPublishedAfterARejection() throws Exception {
    ProcessInstance crisis = crisis();

    execute(job("BoundaryEvent_StatusUpdateDue", crisis));
    execute(job("Task_NotifyStatusUpdateDue", crisis));
    assertThat(notified).containsExactly("crisis-team:level-3", "crisis-team:status-update-due");
    verify(dueDates).after("PT20M");
    // a cycle: the next status update is already scheduled
    assertThat(job("BoundaryEvent_StatusUpdateDue", crisis)).isNotNull();

    doThrow(new BpmnError("PlatformRejected", "Link nicht erlaubt")).when(publishReply).execute(any());
    complete(task("Task_PostStatusUpdate", crisis), withVariables("statusUpdateText", "Stand 12 Uhr: https://x"));
    execute(job("Task_PublishStatusUpdate", crisis));
    assertThat(crisis).hasPassed("BoundaryEvent_StatusUpdateRejected").isWaitingAt("Task_PostStatusUpdate")
        .variables().containsEntry("platformRejection", "Link nicht erlaubt");

    doAnswer(call -> {
      published.add((String) call.<DelegateExecution>getArgument(0).getVariableLocal("publishText"));
      return null;
    }).when(publishReply).execute(any());
    complete(task("Task_PostStatusUpdate", crisis), withVariables("statusUpdateText", "Stand 12 Uhr"));
    execute(job("Task_PublishStatusUpdate", crisis));

    assertThat(published).containsExactly("Stand 12 Uhr");
    assertThat(crisis).hasPassed("EndEvent_StatusUpdatePublished").isWaitingAt("Task_DraftHoldingStatement");
  }

  @Test
  void aCrisisOfAnIncidentWhoseDeadlinesPredateTheStatusUpdateRowTakesTheHoldingStatementsDeadline() {
    ProcessInstance crisis = crisis(Map.of("responseDue", "PT15M", "legalReviewDue", "PT2H",
        "statusUpdateCycle", "R/PT2H"));

    execute(job("BoundaryEvent_StatusUpdateDue", crisis));
    execute(job("Task_NotifyStatusUpdateDue", crisis));

    assertThat(crisis).isWaitingAt("Task_PostStatusUpdate");
    verify(dueDates, times(2)).after("PT15M");
  }
}
