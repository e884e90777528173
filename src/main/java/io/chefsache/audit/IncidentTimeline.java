package io.chefsache.audit;

import io.chefsache.escalation.IncidentProcess;
import io.chefsache.escalation.Situations;
import io.chefsache.security.SystemUser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The complete story of one incident, in order, from the engine's history and Chefsache's own
 * tables: mentions, triage decisions with their inputs and outputs, level changes with their cause,
 * tasks and the decisions taken in their forms, deadlines met or missed, replies and notifications
 * with the platform's answer, failures, and the end. Summaries are written in the language asked for
 * (the viewer's on the audit pages, the configured one in exports); the evidence in each entry's
 * details is the same in every language. Each source has its own class ({@link MentionEntries},
 * {@link DecisionEntries}, {@link LevelChangeEntries}, {@link TaskEntries}, {@link FailureEntries},
 * {@link OutboundEntries}, {@link ErasureEntries}); this one opens and closes the incident and puts
 * the entries in order.
 */
@Service
public class IncidentTimeline {

  /** The actor of the application's own steps. */
  static final String CHEFSACHE = "chefsache";

  private final HistoryService history;
  private final MessageSource messages;
  private final GroupNames groups;
  private final MentionEntries mentionEntries;
  private final DecisionEntries decisionEntries;
  private final TaskEntries taskEntries;
  private final FailureEntries failureEntries;
  private final OutboundEntries outboundEntries;
  private final ErasureEntries erasureEntries;

  IncidentTimeline(HistoryService history, MessageSource messages, GroupNames groups,
      MentionEntries mentionEntries, DecisionEntries decisionEntries, TaskEntries taskEntries,
      FailureEntries failureEntries, OutboundEntries outboundEntries, ErasureEntries erasureEntries) {
    this.history = history;
    this.messages = messages;
    this.groups = groups;
    this.mentionEntries = mentionEntries;
    this.decisionEntries = decisionEntries;
    this.taskEntries = taskEntries;
    this.failureEntries = failureEntries;
    this.outboundEntries = outboundEntries;
    this.erasureEntries = erasureEntries;
  }

  /** A mention as stored by the intake. */
  public record Mention(String externalId, String author, Long followers, String text, String url,
      Instant receivedAt, Double sentiment, String payloadSha256, String personalDataRemoved) {
  }

  /**
   * The incident's timeline with summaries in {@code language} and times in them in {@code zone}, or
   * empty if there is no such incident.
   */
  public Optional<Timeline> of(String incidentKey, Locale language, ZoneId zone) {
    TimelineText say = new TimelineText(messages, groups.all(), language, zone);
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(incidentKey).list();
    List<HistoricProcessInstance> incidents = instances.stream()
        .filter(instance -> IncidentProcess.PROCESS_KEY.equals(instance.getProcessDefinitionKey())
            || Situations.PROCESS_KEY.equals(instance.getProcessDefinitionKey()))
        .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime)).toList();
    if (incidents.isEmpty()) {
      return Optional.empty();
    }
    List<Mention> mentions = mentionEntries.mentions(incidentKey);
    List<TimelineEntry> entries = new ArrayList<>();
    VariableUpdates updates = new VariableUpdates(history);
    Optional<String> openingDelivery = mentionEntries.openingDelivery(incidentKey);
    for (HistoricProcessInstance incident : incidents) {
      boolean situation = Situations.PROCESS_KEY.equals(incident.getProcessDefinitionKey());
      entries.add(opened(incident, incident == incidents.get(0) ? openingDelivery : Optional.empty(), say,
          situation));
      decisionEntries.add(incident.getId(), entries, say);
      LevelChangeEntries.add(updates.of(incident.getId()), entries, say);
      if (incident.getEndTime() != null) {
        entries.add(new TimelineEntry(incident.getEndTime().toInstant(), TimelineEntry.Type.INCIDENT_CLOSED, CHEFSACHE,
            say.text(situation ? "audit.entry.situationClosed" : "audit.entry.closed"),
            Map.of("processInstanceId", incident.getId())));
      }
    }
    MentionEntries.add(mentions, entries, say);
    taskEntries.add(incidentKey, updates, entries, say);
    instances.forEach(instance -> failureEntries.add(instance.getId(), entries, say));
    outboundEntries.add(incidentKey, entries, say);
    erasureEntries.add(incidentKey, entries, say);
    entries.sort(Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::type));
    return Optional.of(new Timeline(incidentKey, incidents, instances, mentions, entries));
  }

  /** An incident's timeline with what it was built from. */
  public record Timeline(String incidentKey, List<HistoricProcessInstance> incidents,
      List<HistoricProcessInstance> processInstances, List<Mention> mentions, List<TimelineEntry> entries) {

    public List<TimelineEntry> ofType(TimelineEntry.Type type) {
      return entries.stream().filter(entry -> entry.type() == type).toList();
    }
  }

  /** The activities a process instance passed, oldest first. */
  public List<HistoricActivityInstance> path(String processInstanceId) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
        .orderByHistoricActivityInstanceStartTime().asc().list();
  }

  /**
   * Who opened the incident. The intake starts the first process of a thread without an engine
   * authentication and keeps the webhook delivery of that first mention; every other start (a
   * closed incident opened again by new activity, a person in Cockpit or over REST) is in the
   * engine's user operation log.
   */
  private TimelineEntry opened(HistoricProcessInstance incident, Optional<String> webhookId, TimelineText say,
      boolean situation) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("processInstanceId", incident.getId());
    String actor = history.createUserOperationLogQuery().processInstanceId(incident.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE).entityType(EntityTypes.PROCESS_INSTANCE).list()
        .stream().map(UserOperationLogEntry::getUserId).findFirst().orElse(null);
    if (actor == null && webhookId.isPresent()) {
      actor = SystemUser.INTAKE;
      details.put("webhookId", webhookId.get());
    }
    return new TimelineEntry(incident.getStartTime().toInstant(), TimelineEntry.Type.INCIDENT_OPENED,
        actor == null ? CHEFSACHE : actor,
        say.text(situation ? "audit.entry.situationOpened" : "audit.entry.opened"), details);
  }
}
