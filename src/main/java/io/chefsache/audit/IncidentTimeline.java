package io.chefsache.audit;

import static io.chefsache.audit.AuditValues.plain;

import io.chefsache.escalation.IncidentProcess;
import io.chefsache.escalation.Situations;
import io.chefsache.notify.OutboundAction;
import io.chefsache.notify.OutboundActions;
import io.chefsache.security.SystemUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
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
  private final TaskForms forms;
  private final Clock clock;
  private final IdentityService identity;
  private final MentionEntries mentionEntries;
  private final DecisionEntries decisionEntries;

  IncidentTimeline(HistoryService history, JdbcTemplate jdbc, OutboundActions outbound, MessageSource messages,
      TaskForms forms, Clock clock, IdentityService identity, MentionEntries mentionEntries,
      DecisionEntries decisionEntries) {
    this.mentionEntries = mentionEntries;
    this.decisionEntries = decisionEntries;
    this.identity = identity;
    this.forms = forms;
    this.clock = clock;
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
    tasks(incidentKey, updates, entries, say);
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

  private void tasks(String incidentKey, VariableUpdates updates, List<TimelineEntry> entries,
      TimelineText say) {
    for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(incidentKey)
        .orderByHistoricActivityInstanceStartTime().asc().list()) {
      List<HistoricIdentityLinkLog> links = history.createHistoricIdentityLinkLogQuery().taskId(task.getId()).list();
      List<String> groups = links.stream().filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
          .map(HistoricIdentityLinkLog::getGroupId).distinct().toList();
      Map<String, Object> created = new LinkedHashMap<>();
      created.put("taskId", task.getId());
      created.put("task", task.getTaskDefinitionKey());
      created.put("candidateGroups", groups);
      created.put("due", task.getDueDate() == null ? null : task.getDueDate().toInstant().toString());
      entries.add(new TimelineEntry(task.getStartTime().toInstant(), TimelineEntry.Type.TASK_CREATED, CHEFSACHE,
          task.getDueDate() == null ? say.text("audit.entry.taskCreated", task.getName(), say.groupNames(groups))
              : say.text("audit.entry.taskCreatedDue", task.getName(), say.groupNames(groups),
                  say.time(task.getDueDate().toInstant())), created));
      links.stream().filter(link -> "assignee".equals(link.getType()) && "add".equals(link.getOperationType()))
          .forEach(claim -> entries.add(new TimelineEntry(claim.getTime().toInstant(), TimelineEntry.Type.TASK_CLAIMED,
              actor(claim.getAssignerId(), claim.getUserId()),
              say.text("audit.entry.taskClaimed", task.getName(), claim.getUserId()),
              Map.of("taskId", task.getId(), "task", task.getTaskDefinitionKey(), "assignee", claim.getUserId()))));
      if (task.getEndTime() != null) {
        Optional<TaskForms.Form> shown = forms.of(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
        Map<String, Object> form = formValues(task, updates.of(task.getProcessInstanceId()));
        shown.ifPresent(known -> form.keySet().removeIf(key -> known.fields().containsKey(key)
            && !known.fields().get(key).editable()));
        Map<String, Object> completed = new LinkedHashMap<>();
        completed.put("taskId", task.getId());
        completed.put("task", task.getTaskDefinitionKey());
        completed.put("outcome", task.getDeleteReason());
        completed.put("form", form);
        boolean done = "completed".equals(task.getDeleteReason());
        String actor = done ? completedBy(task) : CHEFSACHE;
        if (done && task.getAssignee() != null && !task.getAssignee().equals(actor)) {
          completed.put("assignee", task.getAssignee());
        }
        entries.add(new TimelineEntry(task.getEndTime().toInstant(), TimelineEntry.Type.TASK_COMPLETED, actor,
            done ? completedSummary(task, actor, form, shown, say)
                : say.text("audit.entry.taskEnded", task.getName(), task.getDeleteReason()),
            completed));
      }
      deadline(task, say, clock.instant()).ifPresent(entries::add);
    }
  }

  /**
   * "„Über Antwort entscheiden“ erledigt von sabine: Entscheidung: Freigeben; Begründung: …": what
   * the person entered, with the form's labels and the labels of the chosen options; empty fields left out.
   */
  private static String completedSummary(HistoricTaskInstance task, String actor, Map<String, Object> form,
      Optional<TaskForms.Form> shown, TimelineText say) {
    Map<String, TaskForms.Field> fields = shown.map(TaskForms.Form::fields).orElse(Map.of());
    List<String> inFormOrder = new ArrayList<>(fields.keySet().stream().filter(form::containsKey).toList());
    form.keySet().stream().filter(key -> !fields.containsKey(key)).forEach(inFormOrder::add);
    List<String> entered = new ArrayList<>();
    for (String key : inFormOrder) {
      Object value = form.get(key);
      if (value == null || value instanceof String text && text.isBlank()) {
        continue;
      }
      TaskForms.Field field = fields.get(key);
      String shownValue = value instanceof Boolean yes ? say.text(yes ? "audit.yes" : "audit.no")
          : field != null ? field.choices().getOrDefault(String.valueOf(value), String.valueOf(value))
          : String.valueOf(value);
      entered.add(say.text("audit.entry.field", field == null ? key : field.label(), shownValue));
    }
    return entered.isEmpty() ? say.text("audit.entry.taskCompletedEmpty", task.getName(), actor)
        : say.text("audit.entry.taskCompleted", task.getName(), actor, String.join("; ", entered));
  }

  /**
   * Who completed a task: the user the engine authenticated for it (its user operation log), who may
   * be a colleague of the assignee or have completed it without claiming it. Only a completion without
   * an authentication, which Chefsache itself does not make, falls back to the assignee.
   */
  private String completedBy(HistoricTaskInstance task) {
    return history.createUserOperationLogQuery().taskId(task.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
        .map(UserOperationLogEntry::getUserId).filter(Objects::nonNull).findFirst()
        .orElse(actor(task.getAssignee(), null));
  }

  /**
   * What the person entered in the task's form: the variables written while it was open whose value
   * changed. Tasklist submits the read-only context fields too; those keep their value and are left out.
   */
  private static Map<String, Object> formValues(HistoricTaskInstance task, List<HistoricVariableUpdate> ofInstance) {
    Map<String, Object> values = new TreeMap<>();
    Map<String, Object> before = new HashMap<>();
    for (HistoricVariableUpdate update : ofInstance) {
      boolean changed = !before.containsKey(update.getVariableInstanceId())
          || !Objects.equals(before.get(update.getVariableInstanceId()), update.getValue());
      if (changed && task.getActivityInstanceId().equals(update.getActivityInstanceId())) {
        values.put(update.getVariableName(), plain(update.getValue()));
      }
      before.put(update.getVariableInstanceId(), update.getValue());
    }
    return values;
  }

  /**
   * A task's deadline at the moment it was decided (the task's creation names it): met when the task
   * was completed in time; missed when the deadline passed first; withdrawn when an escalation took
   * the task away before it. A deadline still ahead has no entry yet.
   */
  private static Optional<TimelineEntry> deadline(HistoricTaskInstance task, TimelineText say, Instant now) {
    if (task.getDueDate() == null) {
      return Optional.empty();
    }
    Instant due = task.getDueDate().toInstant();
    Instant end = task.getEndTime() == null ? null : task.getEndTime().toInstant();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("taskId", task.getId());
    details.put("task", task.getTaskDefinitionKey());
    details.put("due", due.toString());
    if (end == null && due.isAfter(now)) {
      return Optional.empty();
    }
    if (end == null) {
      details.put("state", "missed");
      return Optional.of(new TimelineEntry(due, TimelineEntry.Type.DEADLINE, CHEFSACHE,
          say.text("audit.entry.deadlinePassed", task.getName()), details));
    }
    Duration margin = Duration.between(end, due);
    details.put("marginSeconds", margin.getSeconds());
    boolean completed = "completed".equals(task.getDeleteReason());
    if (margin.isNegative()) {
      details.put("state", "missed");
      return Optional.of(new TimelineEntry(due, TimelineEntry.Type.DEADLINE, CHEFSACHE, completed
          ? say.text("audit.entry.deadlineMissed", task.getName(), TimelineText.words(margin.negated()))
          : say.text("audit.entry.deadlineMissedTakenAway", task.getName(), task.getDeleteReason()), details));
    }
    details.put("state", completed ? "met" : "withdrawn");
    return Optional.of(new TimelineEntry(end, TimelineEntry.Type.DEADLINE, CHEFSACHE, completed
        ? say.text("audit.entry.deadlineMet", task.getName(), TimelineText.words(margin))
        : say.text("audit.entry.deadlineWithdrawn", task.getName(), task.getDeleteReason()), details));
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

  private static String actor(String user, String fallback) {
    return user != null ? user : fallback != null ? fallback : CHEFSACHE;
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
