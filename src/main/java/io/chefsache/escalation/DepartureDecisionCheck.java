package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.ANSWERED_BY;
import static io.chefsache.escalation.IncidentVariables.DECISION_REASON;
import static io.chefsache.escalation.IncidentVariables.REWRITTEN_REPLY;

import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A reply that departs from the line is published only with management's approval, by someone other
 * than who wrote it (four eyes, compared by the user the engine authenticated).
 */
@Component
class DepartureDecisionCheck implements TaskListener {

  static final String DEPARTURE_DECISION = "departureDecision";
  private static final Set<String> DECISIONS = Set.of("approve", "rewrite", "sendBack");

  private final ActingUser actingUser;

  DepartureDecisionCheck(ActingUser actingUser) {
    this.actingUser = actingUser;
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
    if (decision.equals("rewrite") && FormValues.isBlank(task.getVariable(REWRITTEN_REPLY))) {
      throw new BadUserRequestException("rewrittenReply: write the reply to publish");
    }
    String writer = (String) task.getVariable(ANSWERED_BY);
    String decider = actingUser.of(task);
    if (!decision.equals("sendBack") && writer != null && Objects.equals(writer, decider)) {
      throw new BadUserRequestException("departureDecision: four-eyes principle, " + writer
          + " wrote this reply and cannot also approve it");
    }
  }
}
