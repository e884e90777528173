package io.chefsache.audit;

import static io.chefsache.audit.AuditValues.plain;
import static io.chefsache.audit.IncidentTimeline.CHEFSACHE;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.springframework.stereotype.Component;

/** The triage decisions of an incident: the engine's DMN decision history with inputs and outputs. */
@Component
class DecisionEntries {

  private final HistoryService history;

  DecisionEntries(HistoryService history) {
    this.history = history;
  }

  /**
   * The decision tables evaluated in a process instance, with their inputs and outputs. An evaluation
   * with the same outputs as the previous one of the same table in the same step (a busy thread's
   * re-triage that changes nothing) adds to that entry, which counts them and keeps the last inputs.
   */
  void add(String processInstanceId, List<TimelineEntry> entries, TimelineText say) {
    Map<String, String> stepNames = new HashMap<>();
    history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).activityType("businessRuleTask")
        .list().forEach(step -> stepNames.put(step.getId(), step.getActivityName()));
    Map<String, Integer> lastEntryOfStep = new HashMap<>();
    Map<Integer, String> firstSummary = new HashMap<>();
    for (HistoricDecisionInstance decision : history.createHistoricDecisionInstanceQuery()
        .processInstanceId(processInstanceId).includeInputs().includeOutputs().disableCustomObjectDeserialization()
        .orderByEvaluationTime().asc().list()) {
      Map<String, Object> inputs = new LinkedHashMap<>();
      for (HistoricDecisionInputInstance input : decision.getInputs()) {
        inputs.put(input.getClauseName(), plain(input.getTypedValue()));
      }
      Map<String, Object> outputs = new LinkedHashMap<>();
      Map<String, Object> labelled = new LinkedHashMap<>();
      for (HistoricDecisionOutputInstance output : decision.getOutputs()) {
        outputs.put(output.getVariableName(), plain(output.getTypedValue()));
        labelled.put(output.getClauseName() != null ? output.getClauseName() : output.getVariableName(),
            plain(output.getTypedValue()));
      }
      String step = stepNames.getOrDefault(decision.getActivityInstanceId(), decision.getActivityId());
      String tableInStep = decision.getDecisionDefinitionKey() + "\n" + step;
      Integer last = lastEntryOfStep.get(tableInStep);
      if (last != null && entries.get(last).details().get("outputs").equals(outputs)) {
        TimelineEntry first = entries.get(last);
        Map<String, Object> counted = new LinkedHashMap<>(first.details());
        int evaluations = (Integer) counted.get("evaluations") + 1;
        counted.put("evaluations", evaluations);
        counted.put("lastEvaluatedAt", decision.getEvaluationTime().toInstant().toString());
        counted.put("lastInputs", inputs);
        entries.set(last, new TimelineEntry(first.at(), first.type(), first.actor(), say.text(
            "audit.entry.decisionRepeated", firstSummary.get(last), evaluations,
            say.time(decision.getEvaluationTime().toInstant())), counted));
        continue;
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("decision", decision.getDecisionDefinitionKey());
      details.put("decisionDefinitionId", decision.getDecisionDefinitionId());
      details.put("activity", decision.getActivityId());
      details.put("inputs", inputs);
      details.put("outputs", outputs);
      details.put("step", step);
      details.put("evaluations", 1);
      // "Triage (Vorfall einstufen)", but "Geschichte finden (Zuordnung zur Lage)" once, not twice
      String table = decision.getDecisionDefinitionName();
      String where = step.contains(table) ? step : say.text("audit.entry.tableInStep", table, step);
      String summary = outputs.containsKey("reason")
          ? say.text("audit.entry.decisionLevel", where, outputs.get("level"), outputs.get("reason"))
          : labelled.isEmpty() ? say.text("audit.entry.decisionEmpty", where)
          : say.text("audit.entry.decision", where, String.join("; ",
              labelled.entrySet().stream().map(output -> say.text("audit.entry.field", output.getKey(),
                  TimelineText.readable(output.getValue()))).toList()));
      lastEntryOfStep.put(tableInStep, entries.size());
      firstSummary.put(entries.size(), summary);
      entries.add(new TimelineEntry(decision.getEvaluationTime().toInstant(), TimelineEntry.Type.DECISION, CHEFSACHE,
          summary, details));
    }
  }
}
