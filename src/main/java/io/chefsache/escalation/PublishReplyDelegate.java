package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.INCIDENT_KEY;
import static io.chefsache.escalation.IncidentVariables.MENTION_ID;
import static io.chefsache.escalation.IncidentVariables.PLATFORM;
import static io.chefsache.escalation.IncidentVariables.PUBLISHED_REPLY_ID;
import static io.chefsache.escalation.IncidentVariables.PUBLISH_TEXT;

import io.chefsache.notify.ActionRejectedException;
import io.chefsache.notify.Outbox;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Publishes the task's {@code publishText} in the incident's thread; a refusal is a business outcome. */
@Component
class PublishReplyDelegate implements JavaDelegate {

  static final String ERROR_PLATFORM_REJECTED = "PlatformRejected";

  private final Outbox outbox;

  PublishReplyDelegate(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      String replyId = outbox.publishReply((String) execution.getVariable(INCIDENT_KEY),
          (String) execution.getVariable(PLATFORM), (String) execution.getVariable(MENTION_ID),
          (String) execution.getVariableLocal(PUBLISH_TEXT));
      execution.setVariable(PUBLISHED_REPLY_ID, replyId);
    } catch (ActionRejectedException rejected) {
      throw new BpmnError(ERROR_PLATFORM_REJECTED, rejected.getMessage());
    }
  }
}
