package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.DECISION_REASON;
import static io.chefsache.escalation.IncidentVariables.REPLY_TEXT;
import static io.chefsache.escalation.IncidentVariables.REWRITTEN_REPLY;

import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A reply that departs from the line is published only with management's approval, by someone other
 * than who wrote or changed it (four eyes, {@link FourEyes}). Approving a text one has changed is
 * rewriting it, and is recorded as management's rewrite.
 */
@Component
class DepartureDecisionCheck implements TaskListener {

  static final String DEPARTURE_DECISION = "departureDecision";
  private static final Set<String> DECISIONS = Set.of("approve", "rewrite", "sendBack");

  private final FourEyes fourEyes;

  DepartureDecisionCheck(FourEyes fourEyes) {
    this.fourEyes = fourEyes;
  }

  @Override
  public void notify(DelegateTask task) {
    String decision = (String) task.getVariable(DEPARTURE_DECISION);
    if (decision == null || !DECISIONS.contains(decision)) {
      throw new BadUserRequestException("departureDecision: choose approve, rewrite or sendBack");
    }
    if (FormValues.isBlank(task.getVariable(DECISION_REASON))) {
      throw new BadUserRequestException("decisionReason: a binding decision needs its reason");
    }
    if (decision.equals("approve") && fourEyes.changesText(task, REPLY_TEXT)) {
      decision = "rewrite";
      task.getExecution().setVariable(DEPARTURE_DECISION, decision);
      task.getExecution().setVariable(REWRITTEN_REPLY, task.getVariable(REPLY_TEXT));
    }
    if (decision.equals("rewrite") && FormValues.isBlank(task.getVariable(REWRITTEN_REPLY))) {
      throw new BadUserRequestException("rewrittenReply: write the reply to publish");
    }
    if (!decision.equals("sendBack")) {
      fourEyes.requireSecondPerson(task, DEPARTURE_DECISION, "this reply", REPLY_TEXT, REWRITTEN_REPLY);
    }
  }
}
