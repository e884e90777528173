package io.chefsache.escalation;

import static io.chefsache.support.IncidentDriver.shitstorm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.chefsache.notify.OutboundAction;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

class CrisisLevelTest extends EscalationTestBase {

  @Test
  void aShitstormAlertsTheCrisisTeamAndRunsStatementAndLegalReviewInParallel() {
    var incident = driver.open(shitstorm());

    assertThat(incident).isWaitingAt("CallActivity_Crisis");
    assertThat((String) driver.variable(incident, "levelCause")).contains("Shitstorm");
    assertThat(kinds(driver.outbound(incident))).containsExactly("NOTIFY:crisis-team:level-3");
    assertThat(driver.openTasks(incident)).extracting(Task::getTaskDefinitionKey)
        .containsExactlyInAnyOrder("Task_DraftHoldingStatement", "Task_ReviewLegally");
    assertThat(driver.task(incident, "Task_DraftHoldingStatement").getPriority()).isEqualTo(100);
  }

  @Test
  void theHoldingStatementIsPublishedOnlyAfterApprovalAndTheCrisisTeamEndsTheCrisis() {
    var incident = driver.open(shitstorm());

    driver.complete(incident, "Task_DraftHoldingStatement", "lena", Map.of("holdingStatement", "Erster Entwurf"));
    var approval = driver.task(incident, "Task_ApproveHoldingStatement");
    assertThat(engine.getTaskService().getIdentityLinksForTask(approval.getId()))
        .extracting(IdentityLink::getGroupId).containsExactly("crisis-approvers");
    driver.complete(incident, "Task_ApproveHoldingStatement", "eva",
        Map.of("holdingStatementDecision", "revise", "approvalComment", "Mention the recall"));
    assertThat(driver.outbound(incident)).extracting(OutboundAction::kind).doesNotContain(OutboundAction.Kind.REPLY);
    driver.complete(incident, "Task_DraftHoldingStatement", "lena", Map.of("holdingStatement", "Wir rufen zurück."));
    driver.complete(incident, "Task_ApproveHoldingStatement", "tarek", Map.of("holdingStatementDecision", "approve"));

    assertThat(driver.outbound(incident)).filteredOn(action -> action.kind() == OutboundAction.Kind.REPLY)
        .extracting(OutboundAction::body).containsExactly("Wir rufen zurück.");
    assertThat(driver.openTasks(incident)).extracting(Task::getTaskDefinitionKey).containsExactly("Task_ReviewLegally");

    driver.complete(incident, "Task_ReviewLegally", "paul", Map.of("legalRisk", "medium", "legalAssessment", "ok"));
    driver.complete(incident, "Task_DeclareCrisisOver", "eva", Map.of("crisisSummary", "Recall running"));

    assertThat(incident).isWaitingAt("Task_PostIncidentReview");
    driver.complete(incident, "Task_PostIncidentReview", "sabine", Map.of("lessonsLearned", "Recall plan ready"));
    assertThat(incident).isEnded();
  }

  @Test
  void whoDraftedTheHoldingStatementCannotApproveIt() {
    var incident = driver.open(shitstorm());
    driver.complete(incident, "Task_DraftHoldingStatement", "eva", Map.of("holdingStatement", "Wir prüfen das."));

    assertThatThrownBy(() -> driver.complete(incident, "Task_ApproveHoldingStatement", "eva",
        Map.of("holdingStatementDecision", "approve")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Vier-Augen-Prinzip").hasMessageContaining("eva");
    assertThat(driver.outbound(incident)).extracting(OutboundAction::kind).doesNotContain(OutboundAction.Kind.REPLY);
  }

  @Test
  void anApproversRewriteOfTheHoldingStatementNeedsAnotherApprover() {
    var incident = driver.open(shitstorm());
    driver.complete(incident, "Task_DraftHoldingStatement", "lena", Map.of("holdingStatement", "Erster Entwurf"));

    driver.complete(incident, "Task_ApproveHoldingStatement", "tarek",
        Map.of("holdingStatementDecision", "approve", "holdingStatement", "Tareks Fassung"));

    assertThat(driver.outbound(incident)).extracting(OutboundAction::kind).doesNotContain(OutboundAction.Kind.REPLY);
    Task again = driver.task(incident, "Task_ApproveHoldingStatement");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(again.getProcessInstanceId()).variableName("holdingStatementDecision").singleResult()
        .getValue()).isEqualTo("rewrite");
    assertThatThrownBy(() -> driver.complete(incident, "Task_ApproveHoldingStatement", "tarek",
        Map.of("holdingStatementDecision", "approve")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Vier-Augen-Prinzip").hasMessageContaining("tarek");
    engine.getTaskService().setAssignee(again.getId(), null);
    driver.complete(incident, "Task_ApproveHoldingStatement", "eva", Map.of("holdingStatementDecision", "approve"));
    assertThat(driver.outbound(incident)).filteredOn(action -> action.kind() == OutboundAction.Kind.REPLY)
        .extracting(OutboundAction::body).containsExactly("Tareks Fassung");
  }

  @Test
  void statusUpdatesFollowTheCycleUntilTheCrisisIsOver() {
    var incident = driver.open(shitstorm());
    String firstCycle = driver.timer(incident, "BoundaryEvent_StatusUpdateDue").getId();

    driver.fireTimer(incident, "BoundaryEvent_StatusUpdateDue");
    driver.complete(incident, "Task_PostStatusUpdate", "lena", Map.of("statusUpdateText", "Update 1"));

    assertThat(driver.outbound(incident)).filteredOn(action -> action.kind() == OutboundAction.Kind.REPLY)
        .extracting(OutboundAction::body).containsExactly("Update 1");
    assertThat(driver.timer(incident, "BoundaryEvent_StatusUpdateDue").getId()).isNotEqualTo(firstCycle);
  }

  @Test
  void overdueStatementAndLegalReviewAreReported() {
    var incident = driver.open(shitstorm());

    driver.fireTimer(incident, "BoundaryEvent_HoldingStatementOverdue");
    driver.fireTimer(incident, "BoundaryEvent_LegalReviewOverdue");

    assertThat(kinds(driver.outbound(incident))).containsExactly("NOTIFY:crisis-team:level-3",
        "NOTIFY:crisis-approvers:holding-statement-overdue", "NOTIFY:crisis-team:legal-review-overdue");
    assertThat(driver.openTasks(incident)).extracting(Task::getTaskDefinitionKey)
        .containsExactlyInAnyOrder("Task_DraftHoldingStatement", "Task_ReviewLegally");
  }
}
