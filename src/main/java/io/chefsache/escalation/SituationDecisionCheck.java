package io.chefsache.escalation;

import io.chefsache.config.Texts;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Management's decision on how a situation stands is complete only with its reason. */
@Component
class SituationDecisionCheck implements TaskListener {

  private static final Set<String> DECISIONS = Set.of("settled", "newLine", "crisis");

  private final Texts texts;

  SituationDecisionCheck(Texts texts) {
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable("situationDecision");
    if (decision == null || !DECISIONS.contains(decision)) {
      throw new BadUserRequestException(texts.refusal("situationDecision", "situationDecision"));
    }
    if (FormValues.isBlank(task.getVariable("situationReason"))) {
      throw new BadUserRequestException(texts.refusal("situationReason", "decisionReason"));
    }
  }
}
