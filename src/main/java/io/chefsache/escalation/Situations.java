package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.GROUPING;
import static io.chefsache.escalation.IncidentVariables.INCIDENT_KEY;
import static io.chefsache.escalation.IncidentVariables.LEAD_PROCESS_INSTANCE_ID;
import static io.chefsache.escalation.IncidentVariables.LINE_STATUS;
import static io.chefsache.escalation.IncidentVariables.LINE_SUMMARY;
import static io.chefsache.escalation.IncidentVariables.LINE_VERSION;
import static io.chefsache.escalation.IncidentVariables.PLATFORM;
import static io.chefsache.escalation.IncidentVariables.PLATFORMS;
import static io.chefsache.escalation.IncidentVariables.REPLY_TEXT;
import static io.chefsache.escalation.IncidentVariables.SITUATION_KEY;
import static io.chefsache.escalation.IncidentVariables.SITUATION_TITLE;
import static io.chefsache.escalation.IncidentVariables.THREAD_ANSWER;
import static io.chefsache.escalation.IncidentVariables.THREAD_COUNT;

import io.chefsache.config.Texts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Situations: the threads of one story, handled as one case. A thread whose triage finds a story
 * (DMN SituationGrouping) joins the story's current situation, or opens one; the situation has a
 * process of its own ({@value #PROCESS_KEY}) in which management sets one line for all threads and
 * the crisis team handles one crisis. Each thread of a situation at level 2 or 3 gets a crew task
 * that carries the line ({@value #ANSWER_TASK}).
 */
@Service
public class Situations {

  public static final String PROCESS_KEY = "SituationProcess";
  public static final String MESSAGE_NEW_ACTIVITY = "SituationNewActivity";
  static final String LINE_PROCESS_KEY = "SituationLevel2Line";
  static final String CRISIS_PROCESS_KEY = "IncidentLevel3Crisis";
  static final String MESSAGE_ANSWER_ALL = "AnswerAllWithLine";
  static final String ANSWER_TASK = "Task_AnswerWithLine";
  /** The situation's variables a thread copies into a new situation: the lead thread's mention. */
  private static final Set<String> COPIED_FROM_LEAD = Set.of(INCIDENT_KEY, PLATFORM, IncidentVariables.THREAD_ID,
      IncidentVariables.MENTION_ID, IncidentVariables.MENTION_AUTHOR, IncidentVariables.MENTION_TEXT,
      IncidentVariables.MENTION_URL, IncidentVariables.MENTION_EXCERPT, IncidentVariables.STORY_ID,
      IncidentVariables.MENTION_COUNT, IncidentVariables.NEGATIVE_MENTIONS_60M, IncidentVariables.HIGHEST_REACH,
      IncidentVariables.LOWEST_SENTIMENT, IncidentVariables.TOPICS, IncidentVariables.PRESS_INVOLVED);
  private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
      .withZone(ZoneOffset.UTC);
  private static final int ATTEMPTS = 5;

  private final SituationStore store;
  /** When a situation began, in its title: in the company's time zone, named ("03.12. 08:49 MEZ"). */
  private final DateTimeFormatter titleTime;
  private final RunningFigures figures;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final DueDates dueDates;
  private final Clock clock;
  private final Texts texts;

  Situations(SituationStore store, RunningFigures figures, RuntimeService runtimeService, TaskService taskService, DueDates dueDates,
      Clock clock, Texts texts, @Value("${chefsache.time-zone:Europe/Berlin}") String zone) {
    this.texts = texts;
    this.titleTime = DateTimeFormatter.ofPattern("dd.MM. HH:mm z", texts.locale()).withZone(ZoneId.of(zone));
    this.store = store;
    this.figures = figures;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.dueDates = dueDates;
    this.clock = clock;
  }

  /**
   * Files the thread under its story's situation, as DMN SituationGrouping decided: the story's
   * current situation if a thread joined it within the grouping window, else a new situation with a
   * process of its own. Does nothing for a thread without a story or already in a situation.
   */
  void join(DelegateExecution thread) {
    @SuppressWarnings("unchecked")
    Map<String, Object> grouping = (Map<String, Object>) thread.getVariable(GROUPING);
    String storyKey = grouping == null ? null : (String) grouping.get("storyKey");
    if (!thread.hasVariable(SITUATION_KEY)) {
      // an incident started elsewhere (Cockpit, REST): the diagram's conditions and task names read them
      thread.setVariable(SITUATION_KEY, null);
      thread.setVariable(SITUATION_TITLE, null);
    }
    if (storyKey == null || storyKey.isBlank() || thread.getVariable(SITUATION_KEY) != null) {
      return;
    }
    String incidentKey = (String) thread.getVariable(INCIDENT_KEY);
    Instant now = clock.instant();
    var member = store.situationOfThread(incidentKey);
    String situationKey;
    String title;
    // a situation whose process has ended (settled, reviewed) takes no new threads: the story starts anew
    var stored = store.current(storyKey);
    var current = stored.filter(situation -> runtimeService.createProcessInstanceQuery()
        .processInstanceId(situation.processInstanceId()).count() > 0);
    if (member.isPresent() && current.isPresent() && current.get().situationKey().equals(member.get())) {
      situationKey = member.get();
      title = current.get().title();
    } else if (current.isPresent() && member.isEmpty()
        && !current.get().lastJoinedAt().isBefore(now.minus(Duration.parse((String) grouping.get("groupingWindow"))))) {
      situationKey = current.get().situationKey();
      title = current.get().title();
      figures.addThread(situationKey, incidentKey);
      store.insertThread(incidentKey, situationKey, thread.getProcessInstanceId(), now);
    } else if (member.isPresent()) {
      // The thread's old situation is over and the story moved on: it stays an incident of its own.
      return;
    } else {
      situationKey = storyKey + "@" + KEY_TIME.format(now);
      title = texts.get("situation.title", grouping.get("storyName"), titleTime.format(now));
      try {
        store.insertSituation(situationKey, storyKey, title, now);
        if (stored.isEmpty()) {
          store.insertStory(storyKey, situationKey);
        } else if (!store.replaceStorySituation(storyKey, stored.get().situationKey(), situationKey)) {
          throw new OptimisticLockingException("Another thread opened a new situation of story " + storyKey);
        }
      } catch (DuplicateKeyException openedMeanwhile) {
        // the job runs again (the engine retries optimistic locking failures quietly) and joins it
        throw new OptimisticLockingException("Another thread opened the situation of story " + storyKey);
      }
      store.insertThread(incidentKey, situationKey, thread.getProcessInstanceId(), now);
      figures.addThread(situationKey, incidentKey);
      open(thread, situationKey, title);
    }
    thread.setVariable(SITUATION_KEY, situationKey);
    thread.setVariable(SITUATION_TITLE, title);
  }

  private void open(DelegateExecution lead, String situationKey, String title) {
    Map<String, Object> variables = new HashMap<>();
    COPIED_FROM_LEAD.forEach(name -> variables.put(name, lead.getVariable(name)));
    variables.put(SITUATION_KEY, situationKey);
    variables.put(SITUATION_TITLE, title);
    variables.put(THREAD_COUNT, 1L);
    variables.put(PLATFORMS, lead.getVariable(PLATFORM));
    variables.put(LEAD_PROCESS_INSTANCE_ID, lead.getProcessInstanceId());
    String processInstanceId = lead.getProcessEngineServices().getRuntimeService()
        .startProcessInstanceByKey(PROCESS_KEY, situationKey, variables).getId();
    store.attachProcess(situationKey, processInstanceId);
  }

  /** New figures for a situation (all its threads together): it is triaged again and escalates if they cross a rule. */
  public void reportNewActivity(String processInstanceId, IncidentFigures figures, long threadCount, String platforms) {
    if (runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
      return;
    }
    Map<String, Object> variables = new HashMap<>(figures.toVariables());
    variables.put(THREAD_COUNT, threadCount);
    variables.put(PLATFORMS, platforms);
    runtimeService.createMessageCorrelation(MESSAGE_NEW_ACTIVITY).processInstanceId(processInstanceId)
        .setVariables(variables).correlateWithResult();
  }

  /**
   * Management's line for every thread of the situation. It is stored here, with the step that
   * hands it over; {@link #catchUp} hands it to each open crew task within a second, one task per
   * transaction: a situation's threads keep being re-triaged while the line is set, and one
   * transaction touching all of them would fail on whichever changed meanwhile, again and again.
   */
  void handOver(String situationKey, SituationLine line) {
    store.setLine(situationKey, line);
  }

  /**
   * A thread's crew task is created: it carries the line if there is one, or says it waits for it.
   * A task created while the line is being set may miss both this and the hand-over; {@link
   * #catchUp} finds it within a second.
   */
  void lineForThread(DelegateTask task, String answerDue) {
    String situationKey = (String) task.getVariable(SITUATION_KEY);
    var line = store.line(situationKey);
    if (line.isPresent()) {
      task.getExecution().setVariables(lineVariables(line.get(), (String) task.getVariable(REPLY_TEXT)));
      task.setDueDate(dueDates.after(answerDue));
    } else {
      task.getExecution().setVariable(LINE_STATUS, "waiting");
      task.getExecution().setVariable(LINE_VERSION, "none");
      task.getExecution().setVariable(LINE_SUMMARY, texts.get("line.waiting"));
    }
  }

  /**
   * Hands the current line of recent situations to each open crew task that does not carry it yet
   * (it waits for a line, or carries an earlier one), each in a transaction of its own, its deadline
   * starting now. A task that is busy (its thread changed meanwhile) is left to the next round.
   */
  void catchUp(Duration window) {
    for (String situationKey : store.situationsWithLineSince(clock.instant().minus(window))) {
      var line = store.line(situationKey).orElseThrow();
      String version = line.setAt().toString();
      var behind = new LinkedHashMap<String, Task>();
      taskService.createTaskQuery().taskDefinitionKey(ANSWER_TASK).processVariableValueEquals(SITUATION_KEY,
          situationKey).processVariableValueNotEquals(LINE_VERSION, version).list()
          .forEach(task -> behind.put(task.getId(), task));
      taskService.createTaskQuery().taskDefinitionKey(ANSWER_TASK).processVariableValueEquals(SITUATION_KEY,
          situationKey).processVariableValueEquals(LINE_STATUS, "waiting").list()
          .forEach(task -> behind.put(task.getId(), task));
      for (Task task : behind.values()) {
        try {
          String answerDue = (String) ((Map<?, ?>) runtimeService.getVariable(task.getProcessInstanceId(),
              "deadlines")).get("answerWithLineDue");
          handTo(task, line, dueDates.after(answerDue));
        } catch (OptimisticLockingException busy) {
          // the thread changed meanwhile (re-triage): the next round hands it the line
        }
      }
    }
  }

  private void handTo(Task task, SituationLine line, Date due) {
    runtimeService.setVariables(task.getProcessInstanceId(), lineVariables(line, null));
    task.setDueDate(due);
    taskService.saveTask(task);
  }

  private Map<String, Object> lineVariables(SituationLine line, String draft) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(LINE_STATUS, "set");
    variables.put(LINE_VERSION, line.setAt().toString());
    variables.put(LINE_SUMMARY, line.summary(texts));
    variables.put(REPLY_TEXT, draft == null || draft.isBlank() ? line.reply() : draft);
    return variables;
  }

  /**
   * Answers every thread of the situation whose crew task is still open with the line: one
   * publication per thread, each in its own transaction. A thread answered meanwhile (by a person or
   * by an earlier run of this action) is left alone, so running it again publishes nothing twice.
   *
   * @return how many threads were answered now
   */
  public int answerAll(String situationKey, String user) {
    SituationLine line = store.line(situationKey)
        .orElseThrow(() -> new LineNotSetException(situationKey));
    int answered = 0;
    for (String processInstanceId : waitingThreads(situationKey)) {
      if (answer(processInstanceId, line, user)) {
        answered++;
      }
    }
    return answered;
  }

  private boolean answer(String processInstanceId, SituationLine line, String user) {
    for (int attempt = 1; ; attempt++) {
      try {
        runtimeService.createMessageCorrelation(MESSAGE_ANSWER_ALL)
            .processInstanceId(processInstanceId)
            .setVariable(REPLY_TEXT, line.reply())
            .setVariable(THREAD_ANSWER, "withLine")
            .setVariable(IncidentVariables.ANSWERED_BY, user)
            .correlateWithResult();
        return true;
      } catch (MismatchingMessageCorrelationException alreadyAnswered) {
        return false;
      } catch (RuntimeException busy) {
        // a colleague answered the thread at the same moment (the engine then fails in several ways, an
        // optimistic locking failure being only the most common): done if it no longer waits, else again
        if (!stillWaiting(processInstanceId)) {
          return false;
        }
        if (attempt >= ATTEMPTS) {
          throw busy;
        }
      }
    }
  }

  private boolean stillWaiting(String processInstanceId) {
    return runtimeService.createExecutionQuery().processInstanceId(processInstanceId)
        .messageEventSubscriptionName(MESSAGE_ANSWER_ALL).count() > 0;
  }

  private List<String> waitingThreads(String situationKey) {
    return runtimeService.createExecutionQuery().messageEventSubscriptionName(MESSAGE_ANSWER_ALL)
        .processVariableValueEquals(SITUATION_KEY, situationKey).list().stream()
        .map(execution -> execution.getProcessInstanceId()).distinct().toList();
  }

  private List<Task> openAnswerTasks(String situationKey) {
    return taskService.createTaskQuery().taskDefinitionKey(ANSWER_TASK)
        .processVariableValueEquals(SITUATION_KEY, situationKey).list();
  }

  /** The incident keys of the situation's threads whose crew answer is past its deadline. */
  List<String> overdueThreads(String situationKey) {
    Date now = Date.from(clock.instant().plus(1, ChronoUnit.SECONDS));
    return taskService.createTaskQuery().taskDefinitionKey(ANSWER_TASK)
        .processVariableValueEquals(SITUATION_KEY, situationKey).dueBefore(now).list().stream()
        .map(task -> (String) taskService.getVariable(task.getId(), INCIDENT_KEY)).sorted().toList();
  }

  /** Whether management (or the deputy) has set the situation's line; for the diagrams' conditions. */
  public boolean hasLine(String situationKey) {
    return store.line(situationKey).isPresent();
  }

  /**
   * Whether the situation's threads need management to be asked for a line: there is none, and no
   * one is setting it (no level-2 process of the situation is running); for the diagrams' conditions.
   */
  public boolean needsLine(String situationKey) {
    return !hasLine(situationKey) && runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(LINE_PROCESS_KEY).processInstanceBusinessKey(situationKey).count() == 0;
  }

  /**
   * Whether the situation's crisis (level 3) is running, for the diagrams' conditions. Asked of the
   * engine, not of a process variable: whoever completes a task may set variables with it.
   */
  public boolean inCrisis(String situationKey) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(CRISIS_PROCESS_KEY)
        .processInstanceBusinessKey(situationKey).count() > 0;
  }

  /** The situation has no line yet: there is nothing to answer with. */
  public static class LineNotSetException extends RuntimeException {
    LineNotSetException(String situationKey) {
      super("Management has not set the line of situation " + situationKey + " yet");
    }
  }
}
