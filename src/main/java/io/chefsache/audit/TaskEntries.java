package io.chefsache.audit;

import static io.chefsache.audit.AuditValues.plain;
import static io.chefsache.audit.IncidentTimeline.CHEFSACHE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Component;

/**
 * An incident's tasks from the engine's history: created for their groups with their deadline,
 * claimed, completed with what people entered (named with the labels of the task's form), and their
 * deadlines met, missed or withdrawn.
 */
@Component
class TaskEntries {

  private final HistoryService history;
  private final TaskForms forms;
  private final Clock clock;
  private final SituationRecord situations;

  TaskEntries(HistoryService history, TaskForms forms, Clock clock, SituationRecord situations) {
    this.situations = situations;
    this.history = history;
    this.forms = forms;
    this.clock = clock;
  }

  void add(String incidentKey, VariableUpdates updates, List<TimelineEntry> entries, TimelineText say) {
    for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(incidentKey)
        .orderByHistoricActivityInstanceStartTime().asc().list()) {
      List<HistoricIdentityLinkLog> links = history.createHistoricIdentityLinkLogQuery().taskId(task.getId()).list();
      List<String> groups = links.stream()
          .filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
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
                : say.text("audit.entry.taskEnded", task.getName(), endedBecause(task, say)),
            completed));
      }
      deadline(task, say, clock.instant()).ifPresent(entries::add);
    }
    situationDeadlines(incidentKey, entries, say);
  }

  /**
   * On a thread of a situation, the deadlines of the situation that concern it (its line, its crisis,
   * {@link SituationRecord#tasksConcerningThreads}), named as the situation's; their tasks are in the
   * situation's timeline.
   */
  private void situationDeadlines(String incidentKey, List<TimelineEntry> entries, TimelineText say) {
    Optional<String> situationKey = situations.situationOfThread(incidentKey);
    if (situationKey.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    situations.tasksConcerningThreads(List.of(incidentKey)).getOrDefault(incidentKey, List.of()).forEach(task ->
        deadline(task, say, now).ifPresent(deadline -> {
          Map<String, Object> details = new LinkedHashMap<>(deadline.details());
          details.put("situationKey", situationKey.get());
          entries.add(new TimelineEntry(deadline.at(), deadline.type(), deadline.actor(),
              say.text("audit.entry.situationDeadline", deadline.summary()), details));
        }));
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
          : say.text("audit.entry.deadlineMissedTakenAway", task.getName(), endedBecause(task, say)), details));
    }
    details.put("state", completed ? "met" : "withdrawn");
    return Optional.of(new TimelineEntry(end, TimelineEntry.Type.DEADLINE, CHEFSACHE, completed
        ? say.text("audit.entry.deadlineMet", task.getName(), TimelineText.words(margin))
        : say.text("audit.entry.deadlineWithdrawn", task.getName(), endedBecause(task, say)), details));
  }

  /**
   * Why a task ended without being completed, in the page's language: the engine says "deleted" when
   * the process ended it (an interrupting escalation or deadline, the incident's end); a reason someone
   * gave (deleting a process in Cockpit) is shown as it was given.
   */
  private static String endedBecause(HistoricTaskInstance task, TimelineText say) {
    return "deleted".equals(task.getDeleteReason()) ? say.text("audit.reason.deleted") : task.getDeleteReason();
  }

  private static String actor(String user, String fallback) {
    return user != null ? user : fallback != null ? fallback : CHEFSACHE;
  }
}
