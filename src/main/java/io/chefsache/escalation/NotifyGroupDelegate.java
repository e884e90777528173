package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.INCIDENT_KEY;
import static io.chefsache.escalation.IncidentVariables.LEVEL;
import static io.chefsache.escalation.IncidentVariables.LEVEL_CAUSE;
import static io.chefsache.escalation.IncidentVariables.NOTIFY_EVENT;
import static io.chefsache.escalation.IncidentVariables.NOTIFY_GROUP;

import io.chefsache.notify.Outbox;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Tells the task's {@code notifyGroup} about the incident and why ({@code notifyEvent}). */
@Component
class NotifyGroupDelegate implements JavaDelegate {

  private final Outbox outbox;

  NotifyGroupDelegate(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentKey = (String) execution.getVariable(INCIDENT_KEY);
    String event = (String) execution.getVariableLocal(NOTIFY_EVENT);
    String text = "Incident %s (level %s, %s): %s".formatted(incidentKey, execution.getVariable(LEVEL),
        execution.getVariable(LEVEL_CAUSE), event);
    outbox.notifyGroup(incidentKey, (String) execution.getVariableLocal(NOTIFY_GROUP), event, text);
  }
}
