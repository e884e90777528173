package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.LEVEL;
import static io.chefsache.escalation.IncidentVariables.LEVEL_CAUSE;
import static io.chefsache.escalation.IncidentVariables.LEVEL_CAUSE_TYPE;
import static io.chefsache.escalation.IncidentVariables.LEVEL_CHANGED_AT;
import static io.chefsache.escalation.IncidentVariables.LEVEL_LABEL;
import static io.chefsache.escalation.IncidentVariables.LEVEL_NAME;

import io.chefsache.config.Texts;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Writes a level change and its cause onto the incident. With history level full every change
 * stays in the engine's history: that is the record of who or what raised the level, and when.
 */
@Component
class LevelChange {

  /** Why a level changed. */
  enum Cause { TRIAGE, VOLUME, DEADLINE, PERSON }

  private final Clock clock;
  private final IncidentLevels levels;
  private final Texts texts;

  LevelChange(Clock clock, IncidentLevels levels, Texts texts) {
    this.texts = texts;
    this.clock = clock;
    this.levels = levels;
  }

  /** Raises the incident to {@code level} unless it is there or higher already; returns whether it did. */
  boolean raise(DelegateExecution incident, int level, Cause cause, String reason) {
    Integer current = (Integer) incident.getVariable(LEVEL);
    if (!EscalationLevel.raises(current, level)) {
      return false;
    }
    EscalationLevel newLevel = EscalationLevel.of(level);
    incident.setVariable(LEVEL, newLevel.ordinal());
    incident.setVariable(LEVEL_NAME, newLevel.label());
    incident.setVariable(LEVEL_LABEL, texts.get("level." + newLevel.label()));
    incident.setVariable(LEVEL_CAUSE_TYPE, cause.name().toLowerCase());
    incident.setVariable(LEVEL_CAUSE, reason);
    Instant now = clock.instant();
    incident.setVariable(LEVEL_CHANGED_AT, Date.from(now));
    levels.record(incident.getProcessInstanceId(), newLevel.ordinal(), now);
    return true;
  }
}
