package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.INCIDENT_KEY;
import static io.chefsache.escalation.IncidentVariables.LEVEL;
import static io.chefsache.escalation.IncidentVariables.LEVEL_CAUSE;
import static io.chefsache.escalation.IncidentVariables.LEVEL_NAME;
import static io.chefsache.escalation.IncidentVariables.NOTIFIED_FROM;
import static io.chefsache.escalation.IncidentVariables.NOTIFY_EVENT;
import static io.chefsache.escalation.IncidentVariables.NOTIFY_GROUP;
import static io.chefsache.escalation.IncidentVariables.SITUATION_KEY;
import static io.chefsache.escalation.IncidentVariables.SITUATION_TITLE;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Asks for the task's {@code notifyGroup} to be told about the incident and why ({@code notifyEvent}):
 * starts a {@value IncidentProcess#NOTIFICATION_PROCESS_KEY} process beside the incident, in this step's transaction, so the crisis
 * plan goes on at once and a chat outage only ever delays the message.
 */
@Component
class NotifyGroupDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> about = new HashMap<>();
    for (String name : new String[] {INCIDENT_KEY, SITUATION_KEY, SITUATION_TITLE, LEVEL, LEVEL_NAME, LEVEL_CAUSE}) {
      about.put(name, execution.getVariable(name));
    }
    about.put(NOTIFY_GROUP, execution.getVariableLocal(NOTIFY_GROUP));
    about.put(NOTIFY_EVENT, execution.getVariableLocal(NOTIFY_EVENT));
    about.put(NOTIFIED_FROM, execution.getProcessInstanceId());
    execution.getProcessEngineServices().getRuntimeService().startProcessInstanceByKey(IncidentProcess.NOTIFICATION_PROCESS_KEY,
        execution.getProcessBusinessKey(), about);
  }
}
