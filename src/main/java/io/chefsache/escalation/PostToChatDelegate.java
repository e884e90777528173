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

import io.chefsache.notify.ChatMessage;
import io.chefsache.notify.Links;
import io.chefsache.notify.OutboundActions;
import io.chefsache.security.Roles;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Posts a {@link NotifyGroupDelegate}'s message to the group's chat webhook, with a link to the
 * group's newest open task of the incident (the one the message is about; it exists by now) or to
 * Tasklist, and a link to the incident.
 */
@Component
class PostToChatDelegate implements JavaDelegate {

  private final OutboundActions outbound;
  private final TaskService tasks;
  private final Links links;
  private final ChatMessage chat;

  PostToChatDelegate(OutboundActions outbound, TaskService tasks, Links links, ChatMessage chat) {
    this.outbound = outbound;
    this.tasks = tasks;
    this.links = links;
    this.chat = chat;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentKey = (String) execution.getVariable(INCIDENT_KEY);
    String situationKey = (String) execution.getVariable(SITUATION_KEY);
    String group = (String) execution.getVariable(NOTIFY_GROUP);
    String event = (String) execution.getVariable(NOTIFY_EVENT);
    // the notification shares the business key of the process that sent it: an incident's key, or
    // a situation's for the situation's own processes (a thread of a situation notifies as an incident)
    String businessKey = execution.getProcessBusinessKey();
    // the group's open task in the process that asked for the message (the approvers told of an overdue
    // holding statement must not land on the situation's line); a message asked for before this was
    // known links the group's newest task of the incident
    String notifiedFrom = (String) execution.getVariable(NOTIFIED_FROM);
    var query = notifiedFrom == null ? tasks.createTaskQuery().processInstanceBusinessKey(businessKey)
        : tasks.createTaskQuery().processInstanceId(notifiedFrom);
    var task = query.taskCandidateGroup(group).orderByTaskCreateTime().desc().listPage(0, 1).stream().findFirst();
    boolean aboutSituation = businessKey != null && businessKey.equals(situationKey);
    var subject = aboutSituation
        ? chat.situation((String) execution.getVariable(SITUATION_TITLE)) : chat.incident(incidentKey);
    String text = chat.about(subject, execution.getVariable(LEVEL), (String) execution.getVariable(LEVEL_NAME),
        (String) execution.getVariable(LEVEL_CAUSE), event,
        task.map(open -> chat.task(open.getName(), links.task(open.getId())))
            .orElseGet(() -> chat.tasklist(links.tasklist())),
        Roles.mayReadAuditPages(group) ? Optional.of(links.incident(aboutSituation ? situationKey : incidentKey))
            : Optional.empty());
    outbound.notifyGroup(incidentKey, group, event, text);
  }
}
