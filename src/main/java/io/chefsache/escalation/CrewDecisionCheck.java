package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.CLOSE_REASON;
import static io.chefsache.escalation.IncidentVariables.CREW_DECISION;
import static io.chefsache.escalation.IncidentVariables.REPLY_TEXT;

import io.chefsache.config.Texts;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The crew's form is complete only when its decision can be carried out: a reply needs its text
 * (exactly what is published; the form starts with the template in the mention's language), closing
 * needs a reason. Otherwise the task stays open and Tasklist shows why.
 */
@Component
class CrewDecisionCheck implements TaskListener {

  private static final Set<String> DECISIONS = Set.of("reply", "hideSpam", "close", "escalate");

  private final Texts texts;

  CrewDecisionCheck(Texts texts) {
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    String decision = (String) task.getVariable(CREW_DECISION);
    if (decision == null || !DECISIONS.contains(decision)) {
      throw new BadUserRequestException(texts.refusal(CREW_DECISION, "crewDecision"));
    }
    if (decision.equals("reply") && FormValues.isBlank(task.getVariable(REPLY_TEXT))) {
      throw new BadUserRequestException(texts.refusal(REPLY_TEXT, "replyText"));
    }
    if (decision.equals("close") && FormValues.isBlank(task.getVariable(CLOSE_REASON))) {
      throw new BadUserRequestException(texts.refusal(CLOSE_REASON, "closeReason"));
    }
  }
}
