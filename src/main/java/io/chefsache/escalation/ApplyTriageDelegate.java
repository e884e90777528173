package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.LEVEL;
import static io.chefsache.escalation.IncidentVariables.TRIAGE;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Applies the result of DMN IncidentTriage: the first triage sets the level, a later one (new
 * activity) only raises it.
 */
@Component
class ApplyTriageDelegate implements JavaDelegate {

  private final LevelChange levelChange;

  ApplyTriageDelegate(LevelChange levelChange) {
    this.levelChange = levelChange;
  }

  @Override
  public void execute(DelegateExecution execution) {
    @SuppressWarnings("unchecked")
    Map<String, Object> triage = (Map<String, Object>) execution.getVariable(TRIAGE);
    int level = ((Number) triage.get("level")).intValue();
    String reason = (String) triage.get("reason");
    boolean first = execution.getVariable(LEVEL) == null;
    levelChange.raise(execution, level, first ? LevelChange.Cause.TRIAGE : LevelChange.Cause.VOLUME,
        (first ? "Triage: " : "New activity: ") + reason);
  }
}
