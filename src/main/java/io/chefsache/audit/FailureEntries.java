package io.chefsache.audit;

import static io.chefsache.audit.IncidentTimeline.CHEFSACHE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.springframework.stereotype.Component;

/** What failed in an incident's processes: the engine's incidents, e.g. a job that ran out of retries. */
@Component
class FailureEntries {

  private final HistoryService history;

  FailureEntries(HistoryService history) {
    this.history = history;
  }

  void add(String processInstanceId, List<TimelineEntry> entries, TimelineText say) {
    for (HistoricIncident failure : history.createHistoricIncidentQuery().processInstanceId(processInstanceId).list()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("activity", failure.getActivityId());
      details.put("message", failure.getIncidentMessage());
      details.put("resolved", failure.getEndTime() == null ? null : failure.getEndTime().toInstant().toString());
      entries.add(new TimelineEntry(failure.getCreateTime().toInstant(), TimelineEntry.Type.FAILURE, CHEFSACHE,
          say.text("audit.entry.failure", failure.getActivityId(), failure.getIncidentMessage()),
          details));
    }
  }
}
