package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.HOLDING_STATEMENT;
import static io.chefsache.escalation.IncidentVariables.HOLDING_STATEMENT_DECISION;

import io.chefsache.config.Texts;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The CEO or the deputy approves the holding statement, never whoever drafted or changed it (four
 * eyes, {@link FourEyes}). An approver who changes the text has rewritten it: that is recorded as the
 * decision {@code rewrite}, and the rewritten statement goes to another approver.
 */
@Component
class HoldingStatementCheck implements TaskListener {

  private static final String REWRITE = "rewrite";
  private static final Set<String> DECISIONS = Set.of("approve", "revise");

  private final FourEyes fourEyes;
  private final Texts texts;

  HoldingStatementCheck(FourEyes fourEyes, Texts texts) {
    this.fourEyes = fourEyes;
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable(HOLDING_STATEMENT_DECISION);
    if (decision == null || !DECISIONS.contains(decision)) {
      throw new BadUserRequestException(texts.refusal(HOLDING_STATEMENT_DECISION, "holdingStatementDecision"));
    }
    if (decision.equals("approve") && fourEyes.changesText(task, HOLDING_STATEMENT)) {
      if (FormValues.isBlank(task.getVariable(HOLDING_STATEMENT))) {
        throw new BadUserRequestException(texts.refusal(HOLDING_STATEMENT, "holdingStatement"));
      }
      task.getExecution().setVariable(HOLDING_STATEMENT_DECISION, REWRITE);
    } else if (decision.equals("approve")) {
      fourEyes.requireSecondPerson(task, HOLDING_STATEMENT_DECISION, texts.get("refusal.fourEyes.holdingStatement"), HOLDING_STATEMENT);
    }
  }
}
