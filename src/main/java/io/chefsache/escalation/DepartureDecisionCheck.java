package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.DECISION_REASON;
import static io.chefsache.escalation.IncidentVariables.REPLY_TEXT;
import static io.chefsache.escalation.IncidentVariables.REWRITTEN_REPLY;

import io.chefsache.config.Texts;
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
  private final Texts texts;

  DepartureDecisionCheck(FourEyes fourEyes, Texts texts) {
    this.fourEyes = fourEyes;
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    String decision = (String) task.getVariable(DEPARTURE_DECISION);
    if (decision == null || !DECISIONS.contains(decision)) {
      throw new BadUserRequestException(texts.refusal(DEPARTURE_DECISION, "departureDecision"));
    }
    if (FormValues.isBlank(task.getVariable(DECISION_REASON))) {
      throw new BadUserRequestException(texts.refusal(DECISION_REASON, "decisionReason"));
    }
    if (decision.equals("approve") && fourEyes.changesText(task, REPLY_TEXT)) {
      decision = "rewrite";
      task.getExecution().setVariable(DEPARTURE_DECISION, decision);
      task.getExecution().setVariable(REWRITTEN_REPLY, task.getVariable(REPLY_TEXT));
    }
    if (decision.equals("rewrite") && FormValues.isBlank(task.getVariable(REWRITTEN_REPLY))) {
      throw new BadUserRequestException(texts.refusal(REWRITTEN_REPLY, "rewrittenReply"));
    }
    if (!decision.equals("sendBack")) {
      fourEyes.requireSecondPerson(task, DEPARTURE_DECISION, texts.get("refusal.fourEyes.reply"), REPLY_TEXT, REWRITTEN_REPLY);
    }
  }
}
