package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.ESCALATION_CODE;
import static io.chefsache.escalation.IncidentVariables.ESCALATION_DETAIL;
import static io.chefsache.escalation.IncidentVariables.LEVEL;

import io.chefsache.config.Texts;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A level's process escalated (deadline missed or a person decided): up to the level the diagram
 * names ({@code raiseTo}, e.g. 2 after the crew), with the cause; one level up where it names none. A
 * level already that high (a new mention raised it meanwhile) stays as it is.
 */
@Component
class RaiseLevelDelegate implements JavaDelegate {

  static final String RAISE_TO = "raiseTo";

  /** Why each escalation code raises the level; the texts are {@code cause.<code>} in messages*.properties. */
  private static final Map<String, LevelChange.Cause> CAUSES = Map.of(
      "ResponseOverdue", LevelChange.Cause.DEADLINE,
      "EscalationRequested", LevelChange.Cause.PERSON,
      "DecisionOverdue", LevelChange.Cause.DEADLINE,
      "CrisisRequested", LevelChange.Cause.PERSON,
      "LineOverdue", LevelChange.Cause.DEADLINE,
      "AnswersOverdue", LevelChange.Cause.DEADLINE);

  private final LevelChange levelChange;
  private final Texts texts;

  RaiseLevelDelegate(LevelChange levelChange, Texts texts) {
    this.levelChange = levelChange;
    this.texts = texts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String code = (String) execution.getVariable(ESCALATION_CODE);
    LevelChange.Cause cause = CAUSES.getOrDefault(code, LevelChange.Cause.PERSON);
    String text = texts.getOrDefault("cause." + code, texts.get("cause.other", code));
    Object raiseTo = execution.getVariableLocal(RAISE_TO);
    int level = raiseTo == null ? (Integer) execution.getVariable(LEVEL) + 1 : Integer.parseInt(raiseTo.toString());
    Object detail = execution.getVariable(ESCALATION_DETAIL);
    levelChange.raise(execution, level, cause, detail == null ? text : text + ": " + detail);
  }
}
