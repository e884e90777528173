package io.chefsache.audit;

import static io.chefsache.audit.AuditValues.plain;
import static io.chefsache.audit.IncidentTimeline.CHEFSACHE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * The decisions of an incident: the engine's DMN decision history with inputs and outputs. A table
 * that collects several rows (ResponseDeadlines: one row per step) shows every row, each by the
 * annotation the process owner wrote for it.
 */
@Component
class DecisionEntries {

  private final HistoryService history;
  private final RepositoryService repository;
  /** the rules' annotations per deployed decision table; a deployed table never changes */
  private final Map<String, Map<String, String>> annotations = new ConcurrentHashMap<>();

  DecisionEntries(HistoryService history, RepositoryService repository) {
    this.history = history;
    this.repository = repository;
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
      Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
      for (HistoricDecisionOutputInstance output : decision.getOutputs()) {
        rows.computeIfAbsent(output.getRuleId(), rule -> new TreeMap<>())
            .put(output.getVariableName(), plain(output.getTypedValue()));
      }
      Object outputs = rows.size() > 1 ? new ArrayList<>(rows.values())
          : rows.isEmpty() ? Map.of() : rows.values().iterator().next();
      Map<String, Object> labelled = new LinkedHashMap<>();
      if (rows.size() > 1) {
        Map<String, String> annotated = annotations(decision.getDecisionDefinitionId());
        rows.forEach((rule, row) -> labelled.put(annotated.getOrDefault(rule, rule), row.values().stream()
            .map(TimelineText::readable).map(String::valueOf).collect(Collectors.joining(", "))));
      } else {
        for (HistoricDecisionOutputInstance output : decision.getOutputs()) {
          labelled.put(output.getClauseName() != null ? output.getClauseName() : output.getVariableName(),
              plain(output.getTypedValue()));
        }
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
      Map<?, ?> single = outputs instanceof Map<?, ?> map ? map : Map.of();
      String summary = single.containsKey("reason")
          ? say.text("audit.entry.decisionLevel", where, single.get("level"), single.get("reason"))
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

  private Map<String, String> annotations(String decisionDefinitionId) {
    return annotations.computeIfAbsent(decisionDefinitionId, id -> repository.getDmnModelInstance(id)
        .getModelElementsByType(Rule.class).stream().filter(rule -> rule.getDescription() != null)
        .collect(Collectors.toMap(Rule::getId, rule -> rule.getDescription().getTextContent().strip(),
            (first, second) -> first)));
  }
}
