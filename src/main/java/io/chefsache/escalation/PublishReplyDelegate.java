package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.INCIDENT_KEY;
import static io.chefsache.escalation.IncidentVariables.MENTION_ID;
import static io.chefsache.escalation.IncidentVariables.PLATFORM;
import static io.chefsache.escalation.IncidentVariables.PUBLISHED_REPLY_ID;
import static io.chefsache.escalation.IncidentVariables.PUBLISH_TEXT;

import io.chefsache.notify.ActionRejectedException;
import io.chefsache.notify.OutboundActions;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Publishes the task's {@code publishText} in the incident's thread and keeps the platform's id of
 * the reply; a refusal by the platform is a business outcome ({@value #ERROR_PLATFORM_REJECTED}).
 */
@Component
class PublishReplyDelegate implements JavaDelegate {

  static final String ERROR_PLATFORM_REJECTED = "PlatformRejected";

  private final OutboundActions outbound;
  private final IdempotencyKeys keys;

  PublishReplyDelegate(OutboundActions outbound, IdempotencyKeys keys) {
    this.outbound = outbound;
    this.keys = keys;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String text = (String) execution.getVariableLocal(PUBLISH_TEXT);
    try {
      String replyId = outbound.publishReply((String) execution.getVariable(INCIDENT_KEY),
          (String) execution.getVariable(PLATFORM), (String) execution.getVariable(MENTION_ID), text,
          keys.of(execution, text));
      execution.setVariable(PUBLISHED_REPLY_ID, replyId);
    } catch (ActionRejectedException rejected) {
      throw new BpmnError(ERROR_PLATFORM_REJECTED, rejected.getMessage());
    }
  }
}
