package io.chefsache.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Files a thread under the situation of its story, as DMN SituationGrouping decided (see {@link Situations}). */
@Component
class JoinSituationDelegate implements JavaDelegate {

  private final Situations situations;

  JoinSituationDelegate(Situations situations) {
    this.situations = situations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    situations.join(execution);
  }
}
