package io.chefsache.escalation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * DMN ResponseDeadlines has one row per level and step; the diagrams read a level's deadlines by
 * step, e.g. {@code ${deadlines.responseDue}}. After the "Fristen bestimmen" task this turns the
 * rows of the level ({@code deadlineRows}) into that map ({@code deadlines}). Deployments refuse
 * tables the timers could not use ({@code DeadlineTableCheck}); one deployed before that check with a
 * row without a step, or two rows for a step at one level, stops the task with an incident naming it.
 */
@Component("deadlinesByStep")
public class DeadlinesByStepListener implements ExecutionListener {

  static final String ROWS = "deadlineRows";
  static final String DEADLINES = "deadlines";

  @Override
  public void notify(DelegateExecution execution) {
    @SuppressWarnings("unchecked")
    var rows = (List<Map<String, Object>>) execution.getVariable(ROWS);
    var deadlines = new LinkedHashMap<String, Object>();
    for (Map<String, Object> row : rows) {
      if (!(row.get("step") instanceof String step)) {
        throw new IllegalStateException("DMN ResponseDeadlines has a row without a step at level "
            + execution.getVariable(IncidentVariables.LEVEL) + " (outputs step and due, one row per level and step)");
      }
      if (deadlines.put(step, row.get("due")) != null) {
        throw new IllegalStateException("DMN ResponseDeadlines has two rows for step " + step + " at level "
            + execution.getVariable(IncidentVariables.LEVEL));
      }
    }
    execution.setVariable(DEADLINES, deadlines);
    execution.removeVariable(ROWS);
  }
}
