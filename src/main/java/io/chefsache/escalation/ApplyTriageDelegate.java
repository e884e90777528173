package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.LEVEL;
import static io.chefsache.escalation.IncidentVariables.TRIAGE;

import static io.chefsache.escalation.IncidentVariables.HIGHEST_REACH;
import static io.chefsache.escalation.IncidentVariables.LEVEL_CAUSE;
import static io.chefsache.escalation.IncidentVariables.LEVEL_LABEL;
import static io.chefsache.escalation.IncidentVariables.LEVEL_NAME;
import static io.chefsache.escalation.IncidentVariables.LOWEST_SENTIMENT;
import static io.chefsache.escalation.IncidentVariables.MENTION_COUNT;
import static io.chefsache.escalation.IncidentVariables.NEGATIVE_MENTIONS_60M;
import static io.chefsache.escalation.IncidentVariables.PLATFORMS;
import static io.chefsache.escalation.IncidentVariables.PRESS_INVOLVED;
import static io.chefsache.escalation.IncidentVariables.THREAD_COUNT;
import static io.chefsache.escalation.IncidentVariables.TOPICS;

import io.chefsache.config.Texts;
import java.util.HashMap;
import java.util.List;
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

  private static final List<String> SHARED = List.of(MENTION_COUNT, NEGATIVE_MENTIONS_60M, HIGHEST_REACH,
      LOWEST_SENTIMENT, TOPICS, PRESS_INVOLVED, THREAD_COUNT, PLATFORMS, LEVEL, LEVEL_NAME, LEVEL_LABEL,
      LEVEL_CAUSE);

  private final LevelChange levelChange;
  private final Texts texts;

  ApplyTriageDelegate(LevelChange levelChange, Texts texts) {
    this.levelChange = levelChange;
    this.texts = texts;
  }

  /**
   * A level's process got a copy of the figures when it started; the people working in it see the
   * figures as they are now, so each re-triage hands the new ones (and the level) down to it.
   */
  private static void shareFiguresWithRunningLevel(DelegateExecution execution) {
    var runtimeService = execution.getProcessEngineServices().getRuntimeService();
    Map<String, Object> current = new HashMap<>();
    for (String name : SHARED) {
      Object value = execution.getVariable(name);
      if (value != null) {
        current.put(name, value);
      }
    }
    runtimeService.createProcessInstanceQuery().superProcessInstanceId(execution.getProcessInstanceId()).list()
        .forEach(level -> runtimeService.setVariables(level.getId(), current));
  }

  @Override
  public void execute(DelegateExecution execution) {
    @SuppressWarnings("unchecked")
    Map<String, Object> triage = (Map<String, Object>) execution.getVariable(TRIAGE);
    int level = ((Number) triage.get("level")).intValue();
    String reason = (String) triage.get("reason");
    boolean first = execution.getVariable(LEVEL) == null;
    levelChange.raise(execution, level, first ? LevelChange.Cause.TRIAGE : LevelChange.Cause.VOLUME,
        texts.get(first ? "cause.triage" : "cause.newActivity", reason));
    if (!first) {
      shareFiguresWithRunningLevel(execution);
    }
  }
}
