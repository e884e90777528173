package io.chefsache.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;

/**
 * The variable updates of a timeline's process instances in the order they happened, each instance's
 * read once per timeline: level changes and what people entered in forms come from the same history.
 */
final class VariableUpdates {

  private final HistoryService history;
  private final Map<String, List<HistoricVariableUpdate>> read = new HashMap<>();

  VariableUpdates(HistoryService history) {
    this.history = history;
  }

  List<HistoricVariableUpdate> of(String processInstanceId) {
    return read.computeIfAbsent(processInstanceId, id -> history.createHistoricDetailQuery().variableUpdates()
        .processInstanceId(id).orderPartiallyByOccurrence().asc().list().stream()
        .map(HistoricVariableUpdate.class::cast).toList());
  }
}
