package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.DECISION_REASON;
import static io.chefsache.escalation.IncidentVariables.MANAGEMENT_DECISION;
import static io.chefsache.escalation.IncidentVariables.REWRITTEN_REPLY;

import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

/**
 * Management's decision is binding, so it must be complete and taken by a second person: whoever
 * proposed the reply cannot approve it (four-eyes principle).
 */
@Component
class ManagementDecisionCheck implements TaskListener {

  static final String PROPOSE_TASK = "Task_ProposeReply";
  private static final Set<String> DECISIONS = Set.of("approve", "rewrite", "escalate", "sendBack");

  private final HistoryService historyService;

  ManagementDecisionCheck(HistoryService historyService) {
    this.historyService = historyService;
  }

  @Override
  public void notify(DelegateTask task) {
    String decision = (String) task.getVariable(MANAGEMENT_DECISION);
    if (decision == null || !DECISIONS.contains(decision)) {
      throw new BadUserRequestException("managementDecision: choose approve, rewrite, escalate or sendBack");
    }
    if (FormValues.isBlank(task.getVariable(DECISION_REASON))) {
      throw new BadUserRequestException("decisionReason: a binding decision needs its reason");
    }
    if (decision.equals("rewrite") && FormValues.isBlank(task.getVariable(REWRITTEN_REPLY))) {
      throw new BadUserRequestException("rewrittenReply: write the reply to publish");
    }
    String proposer = lastProposer(task.getProcessInstanceId());
    if (task.getAssignee() != null && Objects.equals(proposer, task.getAssignee())
        && Set.of("approve", "rewrite").contains(decision)) {
      throw new BadUserRequestException("managementDecision: four-eyes principle, " + proposer
          + " proposed this reply and cannot also approve it");
    }
  }

  private String lastProposer(String processInstanceId) {
    return historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey(PROPOSE_TASK)
        .finished()
        .orderByHistoricTaskInstanceEndTime().desc()
        .listPage(0, 1)
        .stream().findFirst().map(HistoricTaskInstance::getAssignee).orElse(null);
  }
}
