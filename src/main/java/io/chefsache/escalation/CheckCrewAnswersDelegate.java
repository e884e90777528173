package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.ESCALATION_DETAIL;
import static io.chefsache.escalation.IncidentVariables.OVERDUE_THREADS;
import static io.chefsache.escalation.IncidentVariables.SITUATION_KEY;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Counts the situation's threads whose crew answer with the line is past its deadline, and names them. */
@Component
class CheckCrewAnswersDelegate implements JavaDelegate {

  private static final int NAMED = 5;

  private final Situations situations;

  CheckCrewAnswersDelegate(Situations situations) {
    this.situations = situations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> overdue = situations.overdueThreads((String) execution.getVariable(SITUATION_KEY));
    execution.setVariable(OVERDUE_THREADS, overdue.size());
    if (!overdue.isEmpty()) {
      String named = String.join(", ", overdue.subList(0, Math.min(NAMED, overdue.size())))
          + (overdue.size() > NAMED ? " and " + (overdue.size() - NAMED) + " more" : "");
      // the situation raises its level with this detail once the escalation reaches its call activity
      var situation = execution.getProcessInstance().getSuperExecution();
      (situation == null ? execution : situation).setVariable(ESCALATION_DETAIL,
          "%d thread(s): %s".formatted(overdue.size(), named));
    }
  }
}
