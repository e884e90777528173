package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.ESCALATION_CODE;
import static io.chefsache.escalation.IncidentVariables.ESCALATION_DETAIL;
import static io.chefsache.escalation.IncidentVariables.LEVEL;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A level's process escalated (deadline missed or a person decided): one level up, with the cause. */
@Component
class RaiseLevelDelegate implements JavaDelegate {

  private record Reason(LevelChange.Cause cause, String text) {
  }

  private static final Map<String, Reason> REASONS = Map.of(
      "ResponseOverdue", new Reason(LevelChange.Cause.DEADLINE, "Missed deadline: the crew's response is overdue"),
      "EscalationRequested", new Reason(LevelChange.Cause.PERSON, "Person: the crew asked for escalation"),
      "DecisionOverdue", new Reason(LevelChange.Cause.DEADLINE,
          "Missed deadline: management's decision is overdue, the deputy was asked"),
      "CrisisRequested", new Reason(LevelChange.Cause.PERSON, "Person: management declared a crisis"),
      "LineOverdue", new Reason(LevelChange.Cause.DEADLINE,
          "Missed deadline: management (management) did not set the situation's line in time, nor did the deputy "
              + "(crisis-approvers) in the time after"),
      "AnswersOverdue", new Reason(LevelChange.Cause.DEADLINE,
          "Missed deadline: the crew (social-media-crew) did not answer the situation's threads with the line in time"));

  private final LevelChange levelChange;

  RaiseLevelDelegate(LevelChange levelChange) {
    this.levelChange = levelChange;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String code = (String) execution.getVariable(ESCALATION_CODE);
    Reason reason = REASONS.getOrDefault(code,
        new Reason(LevelChange.Cause.PERSON, "Escalation " + code));
    int level = (Integer) execution.getVariable(LEVEL);
    Object detail = execution.getVariable(ESCALATION_DETAIL);
    levelChange.raise(execution, level + 1, reason.cause(), detail == null ? reason.text() : reason.text() + ": " + detail);
  }
}
