package io.chefsache.escalation;

import io.chefsache.security.DeploymentCheck;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.xml.ModelException;
import org.springframework.stereotype.Component;

/**
 * A process owner's DMN ResponseDeadlines is refused at deployment, naming level and step, when
 * the timers could not use it: a row without a step, a deadline that is no ISO-8601 duration, or
 * two rows for one step at one level. Checked by evaluating the table for every level, as the
 * "Fristen bestimmen" tasks will.
 */
@Component
class DeadlineTableCheck implements DeploymentCheck {

  private static final String DECISION = PinRuleVersionsListener.DEADLINES_DECISION;
  private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  @Override
  public List<Refusal> check(String resource, byte[] content) {
    if (!resource.toLowerCase(Locale.ROOT).endsWith(".dmn")) {
      return List.of();
    }
    DmnDecision decision;
    try {
      DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(content));
      if (model.getModelElementById(DECISION) == null) {
        return List.of();
      }
      decision = DMN.parseDecision(DECISION, model);
    } catch (ModelException | DmnEngineException unreadable) {
      // the engine's own parser refuses it with its own words
      return List.of();
    }
    var refusals = new ArrayList<Refusal>();
    for (EscalationLevel level : EscalationLevel.values()) {
      try {
        refusals.addAll(rowsOf(level.ordinal(), DMN.evaluateDecisionTable(decision,
            Variables.createVariables().putValue(IncidentVariables.LEVEL, level.ordinal())).getResultList()));
      } catch (DmnEngineException failed) {
        refusals.add(new Refusal(DECISION, "level " + level.ordinal() + " cannot be evaluated: " + failed.getMessage()));
      }
    }
    return refusals;
  }

  private static List<Refusal> rowsOf(int level, List<Map<String, Object>> rows) {
    var refusals = new ArrayList<Refusal>();
    var steps = new HashSet<String>();
    for (Map<String, Object> row : rows) {
      if (!(row.get("step") instanceof String step) || step.isBlank()) {
        refusals.add(new Refusal(DECISION, "level " + level + ": a row without a step (outputs step and due, one row"
            + " per level and step; the table has " + row.keySet() + ")"));
        continue;
      }
      if (!steps.add(step)) {
        refusals.add(new Refusal(DECISION, "level " + level + ": two rows for step " + step));
      }
      if (!isDuration(row.get("due"))) {
        refusals.add(new Refusal(DECISION, "level " + level + ", step " + step + ": deadline " + row.get("due")
            + " is no ISO-8601 duration such as PT30M (or R/PT60M for a rhythm)"));
      }
    }
    return refusals;
  }

  private static boolean isDuration(Object due) {
    if (!(due instanceof String text)) {
      return false;
    }
    try {
      return !Duration.parse(text.replaceFirst("^R\\d*/", "")).isNegative();
    } catch (DateTimeParseException notADuration) {
      return false;
    }
  }
}
