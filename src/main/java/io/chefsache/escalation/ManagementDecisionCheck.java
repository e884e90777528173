package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.DECISION_REASON;
import static io.chefsache.escalation.IncidentVariables.MANAGEMENT_DECISION;
import static io.chefsache.escalation.IncidentVariables.PROPOSED_REPLY;
import static io.chefsache.escalation.IncidentVariables.REWRITTEN_REPLY;

import io.chefsache.config.Texts;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Management's decision is binding, so it must be complete and taken by a second person: whoever
 * proposed or changed the reply cannot approve or rewrite it (four-eyes principle, {@link FourEyes}).
 * Approving a text one has changed is rewriting it, and is recorded as management's rewrite.
 */
@Component
class ManagementDecisionCheck implements TaskListener {

  private static final Set<String> DECISIONS = Set.of("approve", "rewrite", "escalate", "sendBack");

  private final FourEyes fourEyes;
  private final Texts texts;

  ManagementDecisionCheck(FourEyes fourEyes, Texts texts) {
    this.fourEyes = fourEyes;
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    String decision = (String) task.getVariable(MANAGEMENT_DECISION);
    if (decision == null || !DECISIONS.contains(decision)) {
      throw new BadUserRequestException(texts.refusal(MANAGEMENT_DECISION, "managementDecision"));
    }
    if (FormValues.isBlank(task.getVariable(DECISION_REASON))) {
      throw new BadUserRequestException(texts.refusal(DECISION_REASON, "decisionReason"));
    }
    if (decision.equals("approve") && fourEyes.changesText(task, PROPOSED_REPLY)) {
      decision = "rewrite";
      task.getExecution().setVariable(MANAGEMENT_DECISION, decision);
      task.getExecution().setVariable(REWRITTEN_REPLY, task.getVariable(PROPOSED_REPLY));
    }
    if (decision.equals("rewrite") && FormValues.isBlank(task.getVariable(REWRITTEN_REPLY))) {
      throw new BadUserRequestException(texts.refusal(REWRITTEN_REPLY, "rewrittenReply"));
    }
    if (Set.of("approve", "rewrite").contains(decision)) {
      fourEyes.requireSecondPerson(task, MANAGEMENT_DECISION, texts.get("refusal.fourEyes.reply"), PROPOSED_REPLY, REWRITTEN_REPLY);
    }
  }
}
