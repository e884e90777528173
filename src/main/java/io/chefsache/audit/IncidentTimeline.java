package io.chefsache.audit;

import io.chefsache.escalation.IncidentProcess;
import io.chefsache.escalation.Situations;
import io.chefsache.notify.OutboundAction;
import io.chefsache.notify.OutboundActions;
import io.chefsache.security.SystemUser;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The complete story of one incident, in order, from the engine's history and Chefsache's own
 * tables: mentions, triage decisions with their inputs and outputs, level changes with their cause,
 * tasks and the decisions taken in their forms, deadlines met or missed, replies and notifications
 * with the platform's answer, failures, and the end.
 */
@Service
public class IncidentTimeline {

  /** How many of the first mentions are listed one by one. */
  static final int FIRST_MENTIONS = 3;
  static final String CHEFSACHE = "chefsache";
  private static final List<String> LEVEL_VARIABLES = List.of("level", "levelName", "levelCauseType", "levelCause");

  private final HistoryService history;
  private final JdbcTemplate jdbc;
  private final OutboundActions outbound;

  IncidentTimeline(HistoryService history, JdbcTemplate jdbc, OutboundActions outbound) {
    this.history = history;
    this.jdbc = jdbc;
    this.outbound = outbound;
  }

  /** A mention as stored by the intake. */
  public record Mention(String externalId, String author, Long followers, String text, String url,
      Instant receivedAt, Double sentiment, String payloadSha256) {
  }

  /** The incident's timeline, or empty if there is no such incident. */
  public Optional<Timeline> of(String incidentKey) {
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(incidentKey).list();
    List<HistoricProcessInstance> incidents = instances.stream()
        .filter(instance -> IncidentProcess.PROCESS_KEY.equals(instance.getProcessDefinitionKey())
            || Situations.PROCESS_KEY.equals(instance.getProcessDefinitionKey()))
        .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime)).toList();
    if (incidents.isEmpty()) {
      return Optional.empty();
    }
    List<Mention> mentions = mentions(incidentKey);
    List<TimelineEntry> entries = new ArrayList<>();
    Map<String, List<HistoricVariableUpdate>> updates = new HashMap<>();
    Optional<String> openingDelivery = openingDelivery(incidentKey);
    for (HistoricProcessInstance incident : incidents) {
      entries.add(opened(incident, incident == incidents.get(0) ? openingDelivery : Optional.empty()));
      decisions(incident.getId(), entries);
      levelChanges(variableUpdates(incident.getId(), updates), entries);
      if (incident.getEndTime() != null) {
        entries.add(new TimelineEntry(incident.getEndTime().toInstant(), TimelineEntry.Type.INCIDENT_CLOSED, CHEFSACHE,
            "Incident closed", Map.of("processInstanceId", incident.getId())));
      }
    }
    mentionEntries(mentions, entries);
    tasks(incidentKey, updates, entries);
    instances.forEach(instance -> failures(instance.getId(), entries));
    outbound.actionsOf(incidentKey).forEach(action -> entries.add(outboundEntry(action)));
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
  private TimelineEntry opened(HistoricProcessInstance incident, Optional<String> webhookId) {
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
        actor == null ? CHEFSACHE : actor, "Incident opened", details);
  }

  /** The webhook delivery of the incident's first stored mention, if the intake opened it. */
  private Optional<String> openingDelivery(String incidentKey) {
    return jdbc.queryForList("select webhook_id from mention where incident_key = ? order by seq limit 1",
        String.class, incidentKey).stream().findFirst();
  }

  /** The incident's mentions; for a situation, those of all its threads. */
  private List<Mention> mentions(String key) {
    List<String> keys = new ArrayList<>(List.of(key));
    keys.addAll(jdbc.queryForList("select incident_key from situation_thread where situation_key = ?", String.class,
        key));
    List<Mention> mentions = new ArrayList<>();
    for (String incidentKey : keys) {
      mentions.addAll(jdbc.query("""
          select external_id, author_handle, author_followers, text, url, received_at, sentiment, payload_sha256
          from mention where incident_key = ? order by received_at, seq""",
          (rs, row) -> new Mention(rs.getString("external_id"), rs.getString("author_handle"),
              (Long) rs.getObject("author_followers", Long.class), rs.getString("text"), rs.getString("url"),
              rs.getTimestamp("received_at").toInstant(), (Double) rs.getObject("sentiment", Double.class),
              rs.getString("payload_sha256")),
          incidentKey));
    }
    if (keys.size() > 1) {
      mentions.sort(Comparator.comparing(Mention::receivedAt));
    }
    return mentions;
  }

  /**
   * Mentions per minute (listed at the first of the minute, with the hash of every payload), and one
   * by one the first ones and those
   * that changed the figures: a new highest reach or a new lowest sentiment.
   */
  private static void mentionEntries(List<Mention> mentions, List<TimelineEntry> entries) {
    Map<Instant, List<Mention>> perMinute = new TreeMap<>();
    mentions.forEach(mention ->
        perMinute.computeIfAbsent(mention.receivedAt().truncatedTo(ChronoUnit.MINUTES), minute -> new ArrayList<>())
            .add(mention));
    perMinute.forEach((minute, inMinute) -> {
      long negative = inMinute.stream().filter(mention -> mention.sentiment() != null && mention.sentiment() < 0).count();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("count", inMinute.size());
      details.put("negative", negative);
      details.put("payloadSha256", inMinute.stream()
          .map(mention -> Map.of("externalId", mention.externalId(), "sha256", mention.payloadSha256())).toList());
      details.put("minute", minute.toString());
      entries.add(new TimelineEntry(inMinute.get(0).receivedAt(), TimelineEntry.Type.MENTIONS, "intake",
          "%d mentions received in this minute (%d negative)".formatted(inMinute.size(), negative), details));
    });
    long highestReach = -1;
    double lowestSentiment = Double.MAX_VALUE;
    for (int i = 0; i < mentions.size(); i++) {
      Mention mention = mentions.get(i);
      List<String> why = new ArrayList<>();
      if (i < FIRST_MENTIONS) {
        why.add(i == 0 ? "first mention" : "among the first mentions");
      }
      if (mention.followers() != null && mention.followers() > highestReach) {
        if (i > 0) {
          why.add("new highest reach");
        }
        highestReach = mention.followers();
      }
      if (mention.sentiment() != null && mention.sentiment() < lowestSentiment) {
        if (i > 0) {
          why.add("new lowest sentiment");
        }
        lowestSentiment = mention.sentiment();
      }
      if (!why.isEmpty()) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("externalId", mention.externalId());
        details.put("author", mention.author());
        details.put("followers", mention.followers());
        details.put("sentiment", mention.sentiment() == null ? null : mention.sentiment().toString());
        details.put("text", mention.text());
        details.put("url", mention.url());
        details.put("payloadSha256", mention.payloadSha256());
        details.put("why", String.join(", ", why));
        entries.add(new TimelineEntry(mention.receivedAt(), TimelineEntry.Type.MENTION, mention.author(),
            String.join(", ", why) + ": " + mention.text(), details));
      }
    }
  }

  private void decisions(String processInstanceId, List<TimelineEntry> entries) {
    Map<String, String> stepNames = new HashMap<>();
    history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).activityType("businessRuleTask")
        .list().forEach(step -> stepNames.put(step.getId(), step.getActivityName()));
    for (HistoricDecisionInstance decision : history.createHistoricDecisionInstanceQuery()
        .processInstanceId(processInstanceId).includeInputs().includeOutputs().disableCustomObjectDeserialization()
        .list()) {
      Map<String, Object> inputs = new LinkedHashMap<>();
      for (HistoricDecisionInputInstance input : decision.getInputs()) {
        inputs.put(input.getClauseName(), plain(input.getTypedValue()));
      }
      Map<String, Object> outputs = new LinkedHashMap<>();
      for (HistoricDecisionOutputInstance output : decision.getOutputs()) {
        outputs.put(output.getVariableName(), plain(output.getTypedValue()));
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("decision", decision.getDecisionDefinitionKey());
      details.put("decisionDefinitionId", decision.getDecisionDefinitionId());
      details.put("activity", decision.getActivityId());
      details.put("inputs", inputs);
      details.put("outputs", outputs);
      String step = stepNames.getOrDefault(decision.getActivityInstanceId(), decision.getActivityId());
      details.put("step", step);
      String summary = outputs.containsKey("reason")
          ? "%s (%s): level %s because %s".formatted(decision.getDecisionDefinitionName(), step, outputs.get("level"),
              outputs.get("reason"))
          : "%s (%s): %s".formatted(decision.getDecisionDefinitionName(), step, outputs);
      entries.add(new TimelineEntry(decision.getEvaluationTime().toInstant(), TimelineEntry.Type.DECISION, CHEFSACHE,
          summary, details));
    }
  }

  /** Level changes from the history of the level variables, which every change writes together. */
  private static void levelChanges(List<HistoricVariableUpdate> updates, List<TimelineEntry> entries) {
    Map<String, Object> change = null;
    Instant at = null;
    for (HistoricVariableUpdate update : updates) {
      if (!LEVEL_VARIABLES.contains(update.getVariableName())) {
        continue;
      }
      if ("level".equals(update.getVariableName())) {
        flushLevelChange(change, at, entries);
        change = new LinkedHashMap<>();
        at = update.getTime().toInstant();
      }
      if (change != null) {
        change.put(update.getVariableName(), plain(update.getValue()));
      }
    }
    flushLevelChange(change, at, entries);
  }

  private static void flushLevelChange(Map<String, Object> change, Instant at, List<TimelineEntry> entries) {
    if (change != null) {
      entries.add(new TimelineEntry(at, TimelineEntry.Type.LEVEL_CHANGE, CHEFSACHE,
          "Level %s (%s): %s".formatted(change.get("level"), change.get("levelName"), change.get("levelCause")), change));
    }
  }

  private void tasks(String incidentKey, Map<String, List<HistoricVariableUpdate>> updates,
      List<TimelineEntry> entries) {
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
          "Task \"%s\" for %s".formatted(task.getName(), String.join(", ", groups)), created));
      links.stream().filter(link -> "assignee".equals(link.getType()) && "add".equals(link.getOperationType()))
          .forEach(claim -> entries.add(new TimelineEntry(claim.getTime().toInstant(), TimelineEntry.Type.TASK_CLAIMED,
              actor(claim.getAssignerId(), claim.getUserId()),
              "\"%s\" claimed by %s".formatted(task.getName(), claim.getUserId()),
              Map.of("taskId", task.getId(), "task", task.getTaskDefinitionKey(), "assignee", claim.getUserId()))));
      if (task.getEndTime() != null) {
        Map<String, Object> form = formValues(task, variableUpdates(task.getProcessInstanceId(), updates));
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
            done ? "\"%s\" completed by %s: %s".formatted(task.getName(), actor, form)
                : "\"%s\" ended without completion (%s)".formatted(task.getName(), task.getDeleteReason()),
            completed));
      }
      deadline(task).ifPresent(entries::add);
    }
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


  /** The variable updates of a process instance in the order they happened, read once per timeline. */
  private List<HistoricVariableUpdate> variableUpdates(String processInstanceId,
      Map<String, List<HistoricVariableUpdate>> read) {
    return read.computeIfAbsent(processInstanceId, id -> history.createHistoricDetailQuery().variableUpdates()
        .processInstanceId(id).orderPartiallyByOccurrence().asc().list().stream()
        .map(HistoricVariableUpdate.class::cast).toList());
  }

  /** A task's deadline: met, missed by how much, or still open. */
  private static Optional<TimelineEntry> deadline(HistoricTaskInstance task) {
    if (task.getDueDate() == null) {
      return Optional.empty();
    }
    Instant due = task.getDueDate().toInstant();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("taskId", task.getId());
    details.put("task", task.getTaskDefinitionKey());
    details.put("due", due.toString());
    if (task.getEndTime() == null) {
      details.put("state", "open");
      return Optional.of(new TimelineEntry(due, TimelineEntry.Type.DEADLINE, CHEFSACHE,
          "Deadline of \"%s\" (still open at this time)".formatted(task.getName()), details));
    }
    Duration margin = Duration.between(task.getEndTime().toInstant(), due);
    boolean met = !margin.isNegative() && "completed".equals(task.getDeleteReason());
    details.put("state", met ? "met" : "missed");
    details.put("marginSeconds", margin.getSeconds());
    String how = met ? "met, %s early".formatted(words(margin))
        : margin.isNegative() ? "missed by %s".formatted(words(margin.negated()))
        : "missed: the task was taken away (%s)".formatted(task.getDeleteReason());
    return Optional.of(new TimelineEntry(met ? task.getEndTime().toInstant() : due, TimelineEntry.Type.DEADLINE,
        CHEFSACHE, "Deadline of \"%s\" %s".formatted(task.getName(), how), details));
  }

  private void failures(String processInstanceId, List<TimelineEntry> entries) {
    for (HistoricIncident failure : history.createHistoricIncidentQuery().processInstanceId(processInstanceId).list()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("activity", failure.getActivityId());
      details.put("message", failure.getIncidentMessage());
      details.put("resolved", failure.getEndTime() == null ? null : failure.getEndTime().toInstant().toString());
      entries.add(new TimelineEntry(failure.getCreateTime().toInstant(), TimelineEntry.Type.FAILURE, CHEFSACHE,
          "Call failed after all retries at %s: %s".formatted(failure.getActivityId(), failure.getIncidentMessage()),
          details));
    }
  }

  private static TimelineEntry outboundEntry(OutboundAction action) {
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
      case REPLY -> "Reply on " + action.target();
      case HIDE -> "Mention hidden on " + action.target();
      case NOTIFY -> "Chat message to " + action.target() + " (" + action.event() + ")";
      case FREEZE -> "Scheduled posts " + ("pause".equals(action.event()) ? "paused" : "resumed") + " through the gateway";
    };
    return new TimelineEntry(action.createdAt(), type, CHEFSACHE,
        "%s: %s%s".formatted(what, action.status().name().toLowerCase(),
            action.platformRef() == null ? "" : ", id " + action.platformRef()), details);
  }

  private static String actor(String user, String fallback) {
    return user != null ? user : fallback != null ? fallback : CHEFSACHE;
  }

  /** A typed value as auditors read it; objects (e.g. FEEL lists) as their stored JSON. */
  private static Object plain(TypedValue typed) {
    if (typed instanceof ObjectValue object && !object.isDeserialized()) {
      return object.getValueSerialized();
    }
    return plain(typed.getValue());
  }

  /** Variable values as auditors read them: dates as ISO instants, numbers as they are. */
  private static Object plain(Object value) {
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    if (value instanceof Double || value instanceof Float) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> || value instanceof List<?> || value instanceof String || value instanceof Number
        || value instanceof Boolean || value == null) {
      return value;
    }
    return value.toString();
  }

  static String words(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7_200) {
      return seconds / 60 + " min";
    }
    return "%d h %d min".formatted(seconds / 3600, seconds % 3600 / 60);
  }
}
