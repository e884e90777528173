package io.chefsache.audit;

import io.chefsache.escalation.IncidentProcess;
import io.chefsache.escalation.Situations;
import io.chefsache.notify.OutboundAction;
import io.chefsache.notify.OutboundActions;
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
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The complete story of one incident, in order, from the engine's history and Chefsache's own
 * tables: mentions, triage decisions with their inputs and outputs, level changes with their cause,
 * tasks and the decisions taken in their forms, deadlines met or missed, replies and notifications
 * with the platform's answer, failures, and the end. Summaries are written in the language asked for
 * (the viewer's on the audit pages, the configured one in exports); the evidence in each entry's
 * details is the same in every language.
 */
@Service
public class IncidentTimeline {

  /** The actor of the application's own steps. */
  static final String CHEFSACHE = "chefsache";

  private final HistoryService history;
  private final JdbcTemplate jdbc;
  private final OutboundActions outbound;
  private final MessageSource messages;
  private final IdentityService identity;
  private final MentionEntries mentionEntries;
  private final DecisionEntries decisionEntries;
  private final TaskEntries taskEntries;

  IncidentTimeline(HistoryService history, JdbcTemplate jdbc, OutboundActions outbound, MessageSource messages,
      IdentityService identity, MentionEntries mentionEntries, DecisionEntries decisionEntries,
      TaskEntries taskEntries) {
    this.taskEntries = taskEntries;
    this.mentionEntries = mentionEntries;
    this.decisionEntries = decisionEntries;
    this.identity = identity;
    this.history = history;
    this.jdbc = jdbc;
    this.outbound = outbound;
    this.messages = messages;
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
    TimelineText say = new TimelineText(messages, identity, language, zone);
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
    instances.forEach(instance -> failures(instance.getId(), entries, say));
    outbound.actionsOf(incidentKey).forEach(action -> entries.add(outboundEntry(action, say)));
    erasures(incidentKey, entries, say);
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

  private void failures(String processInstanceId, List<TimelineEntry> entries, TimelineText say) {
    for (HistoricIncident failure : history.createHistoricIncidentQuery().processInstanceId(processInstanceId).list()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("activity", failure.getActivityId());
      details.put("message", failure.getIncidentMessage());
      details.put("resolved", failure.getEndTime() == null ? null : failure.getEndTime().toInstant().toString());
      entries.add(new TimelineEntry(failure.getCreateTime().toInstant(), TimelineEntry.Type.FAILURE, CHEFSACHE,
          say.text("audit.entry.failure", failure.getActivityId(), failure.getIncidentMessage()),
          details));
    }
  }

  private TimelineEntry outboundEntry(OutboundAction action, TimelineText say) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("target", action.target());
    details.put("event", action.event());
    details.put("inReplyTo", action.inReplyTo());
    details.put("text", action.body());
    details.put("status", action.status().name());
    details.put("httpStatus", action.httpStatus());
    details.put("platformRef", action.platformRef());
    details.put("answer", action.answer());
    TimelineEntry.Type type = TimelineEntry.Type.valueOf(action.kind().name());
    String what = switch (action.kind()) {
      case REPLY -> say.text("audit.entry.reply", action.target());
      case HIDE -> say.text("audit.entry.hide", action.target());
      case NOTIFY -> say.text("audit.entry.notify", say.groupNames(List.of(action.target())), action.event());
      case FREEZE -> say.text("pause".equals(action.event()) ? "audit.entry.postsPaused" : "audit.entry.postsResumed");
    };
    String status = say.text("audit.entry.status." + action.status().name());
    return new TimelineEntry(action.createdAt(), type, CHEFSACHE, action.platformRef() == null
        ? say.text("audit.entry.outbound", what, status)
        : say.text("audit.entry.outboundWithId", what, status, action.platformRef()), details);
  }

  /** Erasures of an author's personal data (GDPR Art. 17) that changed this incident's record. */
  private void erasures(String incidentKey, List<TimelineEntry> entries, TimelineText say) {
    jdbc.query("""
        select e.id, e.pseudonym, e.requested_by, e.reason, e.erased_at from erasure e
        join erasure_incident i on i.erasure_id = e.id where i.incident_key = ?""", rs -> {
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("erasureId", rs.getString("id"));
          details.put("pseudonym", rs.getString("pseudonym"));
          details.put("reason", rs.getString("reason"));
          entries.add(new TimelineEntry(rs.getTimestamp("erased_at").toInstant(), TimelineEntry.Type.ERASURE,
              rs.getString("requested_by"), say.text("audit.entry.erasure", rs.getString("pseudonym"),
              rs.getString("reason")), details));
        }, incidentKey);
  }
}
