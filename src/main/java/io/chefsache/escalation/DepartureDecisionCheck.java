package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.DECISION_REASON;
import static io.chefsache.escalation.IncidentVariables.REWRITTEN_REPLY;

import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A reply that departs from the line is published only with management's approval, by someone other
 * than who wrote it (four eyes, compared by the users the engine authenticated).
 */
@Component
class DepartureDecisionCheck implements TaskListener {

  static final String DEPARTURE_DECISION = "departureDecision";
  private static final Set<String> DECISIONS = Set.of("approve", "rewrite", "sendBack");

  private final ActingUser actingUser;
  private final HistoryService historyService;

  DepartureDecisionCheck(ActingUser actingUser, HistoryService historyService) {
    this.actingUser = actingUser;
    this.historyService = historyService;
  }

  /**
   * Who wrote the reply: whoever completed the thread's last crew task, from the engine's history (the
   * user operation log names the authenticated user; without one, the task's assignee). Never a
   * process variable, which the approver's own form could set.
   */
  private String writer(String processInstanceId) {
    var answer = historyService.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(Situations.ANSWER_TASK).finished().orderByHistoricTaskInstanceEndTime().desc()
        .listPage(0, 1).stream().findFirst();
    if (answer.isEmpty()) {
      return null;
    }
    return historyService.createUserOperationLogQuery().taskId(answer.get().getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
        .map(UserOperationLogEntry::getUserId).filter(Objects::nonNull).findFirst()
        .orElse(answer.get().getAssignee());
  }

  @Override
  public void notify(DelegateTask task) {
    String decision = (String) task.getVariable(DEPARTURE_DECISION);
    if (decision == null || !DECISIONS.contains(decision)) {
      throw new BadUserRequestException("departureDecision: choose approve, rewrite or sendBack");
    }
    if (FormValues.isBlank(task.getVariable(DECISION_REASON))) {
      throw new BadUserRequestException("decisionReason: a binding decision needs its reason");
    }
    if (decision.equals("rewrite") && FormValues.isBlank(task.getVariable(REWRITTEN_REPLY))) {
      throw new BadUserRequestException("rewrittenReply: write the reply to publish");
    }
    String writer = writer(task.getProcessInstanceId());
    String decider = actingUser.of(task);
    if (!decision.equals("sendBack") && (writer == null || Objects.equals(writer, decider))) {
      throw new BadUserRequestException("departureDecision: four-eyes principle, "
          + (writer == null ? "the reply's writer is not on record" : writer + " wrote this reply")
          + " and cannot also approve it");
    }
  }
}
