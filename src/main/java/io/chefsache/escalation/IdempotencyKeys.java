package io.chefsache.escalation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The idempotency key of an outbound call: the same for every retry of one visit of a service task,
 * different for the next visit. Built from the process instance, the task, how often the task has
 * completed in this instance before (a failed attempt rolls back and leaves no history, so the count
 * does not move) and what is published (two status updates in flight at once differ in their text).
 */
@Component
class IdempotencyKeys {

  private final HistoryService history;

  IdempotencyKeys(HistoryService history) {
    this.history = history;
  }

  String of(DelegateExecution execution, String content) {
    long completedBefore = history.createHistoricActivityInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId()).activityId(execution.getCurrentActivityId())
        .finished().count();
    String visit = String.join("\n", execution.getProcessInstanceId(), execution.getCurrentActivityId(),
        Long.toString(completedBefore), content == null ? "" : content);
    return UUID.nameUUIDFromBytes(visit.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
