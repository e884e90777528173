package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.INCIDENT_KEY;
import static io.chefsache.escalation.IncidentVariables.MENTION_ID;
import static io.chefsache.escalation.IncidentVariables.PLATFORM;

import io.chefsache.notify.ActionRejectedException;
import io.chefsache.notify.OutboundActions;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Hides the incident's mention on its platform (spam). */
@Component
class HideMentionDelegate implements JavaDelegate {

  private final OutboundActions outbound;
  private final IdempotencyKeys keys;

  HideMentionDelegate(OutboundActions outbound, IdempotencyKeys keys) {
    this.outbound = outbound;
    this.keys = keys;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      outbound.hideMention((String) execution.getVariable(INCIDENT_KEY), (String) execution.getVariable(PLATFORM),
          (String) execution.getVariable(MENTION_ID), keys.of(execution, null));
    } catch (ActionRejectedException rejected) {
      throw new BpmnError(PublishReplyDelegate.ERROR_PLATFORM_REJECTED, rejected.getMessage());
    }
  }
}
