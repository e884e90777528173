package io.chefsache.escalation;

import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Management's decision on how a situation stands is complete only with its reason. */
@Component
class SituationDecisionCheck implements TaskListener {

  private static final Set<String> DECISIONS = Set.of("settled", "newLine", "crisis");

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable("situationDecision");
    if (decision == null || !DECISIONS.contains(decision)) {
      throw new BadUserRequestException("situationDecision: choose settled, newLine or crisis");
    }
    if (FormValues.isBlank(task.getVariable("situationReason"))) {
      throw new BadUserRequestException("situationReason: a binding decision needs its reason");
    }
  }
}
