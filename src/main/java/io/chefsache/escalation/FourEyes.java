package io.chefsache.escalation;

import io.chefsache.config.Texts;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Component;

/**
 * Four eyes: whoever wrote a text that goes public cannot also approve it. Who wrote it comes from the
 * engine's history, never from a process variable a form could set: every change of the text, by the
 * user the engine authenticated for it (its user operation log), on whatever path it came (Tasklist,
 * engine REST, with or without claiming the task): a form submitted with a new text, or the variable set
 * directly. A change made without an authentication (the engine driven directly, as in process tests)
 * counts for the assignee of the task it was made in.
 */
@Component
class FourEyes {

  private static final Set<String> TASK_OPERATIONS = Set.of(UserOperationLogEntry.OPERATION_TYPE_COMPLETE,
      UserOperationLogEntry.OPERATION_TYPE_RESOLVE);
  private static final Set<String> VARIABLE_OPERATIONS = Set.of(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE,
      UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLES, UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE);

  private final ActingUser actingUser;
  private final HistoryService history;
  private final Texts texts;

  FourEyes(ActingUser actingUser, HistoryService history, Texts texts) {
    this.actingUser = actingUser;
    this.history = history;
    this.texts = texts;
  }

  /**
   * Refuses the completion of {@code task} unless whoever completes it wrote none of the text.
   *
   * @param field the form field the refusal names
   * @param what the text, as the refusal calls it ("this reply")
   * @param textVariables every variable that held the text (a proposal and its rewrite)
   */
  void requireSecondPerson(DelegateTask task, String field, String what, String... textVariables) {
    String decider = actingUser.of(task);
    if (decider == null) {
      throw new BadUserRequestException(texts.refusal(field, "fourEyes.signIn", what));
    }
    Set<String> writers = writers(task.getProcessInstanceId(), textVariables);
    if (writers.isEmpty()) {
      throw new BadUserRequestException(texts.refusal(field, "fourEyes.unknownWriter", what));
    }
    if (writers.contains(decider)) {
      throw new BadUserRequestException(texts.refusal(field, "fourEyes.writer", decider, what));
    }
  }

  /**
   * Whether the completion of {@code task} changes the text it was asked to approve (a form can submit
   * a read-only field with another value): the text as recorded before against the one submitted.
   */
  boolean changesText(DelegateTask task, String textVariable) {
    List<HistoricVariableUpdate> updates = updates(task.getProcessInstanceId(), textVariable);
    Object recorded = updates.isEmpty() ? null : updates.get(updates.size() - 1).getValue();
    return !Objects.equals(recorded, task.getVariable(textVariable));
  }

  /** Everyone who gave one of the variables a new value, as far as the engine knows who. */
  private Set<String> writers(String processInstanceId, String... textVariables) {
    Set<String> writers = new LinkedHashSet<>();
    for (String variable : textVariables) {
      Object before = null;
      for (HistoricVariableUpdate update : updates(processInstanceId, variable)) {
        if (!FormValues.isBlank(update.getValue()) && !Objects.equals(before, update.getValue())) {
          writer(update).ifPresent(writers::add);
        }
        before = update.getValue();
      }
    }
    return writers;
  }

  private List<HistoricVariableUpdate> updates(String processInstanceId, String variable) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).variableName(variable)
        .includeDeleted().list().stream()
        .map(HistoricVariableInstance::getId)
        .flatMap(id -> history.createHistoricDetailQuery().variableUpdates().variableInstanceId(id)
            .orderPartiallyByOccurrence().asc().list().stream())
        .map(HistoricVariableUpdate.class::cast)
        .toList();
  }

  /**
   * Who made a change: the user who submitted it in the task's form, or who set the variable directly.
   * Engine work inside someone's request (a listener filling in a new task's form) is nobody's writing.
   */
  private Optional<String> writer(HistoricVariableUpdate update) {
    List<UserOperationLogEntry> operation = update.getUserOperationId() == null ? List.of()
        : history.createUserOperationLogQuery().operationId(update.getUserOperationId()).list();
    if (operation.isEmpty()) {
      return taskOf(update).map(HistoricTaskInstance::getAssignee);
    }
    Optional<String> taskId = taskOf(update).map(HistoricTaskInstance::getId);
    return operation.stream()
        .filter(entry -> VARIABLE_OPERATIONS.contains(entry.getOperationType())
            || TASK_OPERATIONS.contains(entry.getOperationType()) && taskId.isPresent()
            && taskId.get().equals(entry.getTaskId()))
        .map(UserOperationLogEntry::getUserId).filter(Objects::nonNull).findFirst();
  }

  /** The user task whose form made a change, if one did. */
  private Optional<HistoricTaskInstance> taskOf(HistoricVariableUpdate update) {
    if (update.getActivityInstanceId() == null) {
      return Optional.empty();
    }
    return history.createHistoricTaskInstanceQuery().activityInstanceIdIn(update.getActivityInstanceId()).list()
        .stream().findFirst();
  }
}
