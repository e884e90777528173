package io.chefsache.audit;

import static io.chefsache.audit.AuditValues.plain;
import static io.chefsache.audit.IncidentTimeline.CHEFSACHE;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;

/** The level changes of an incident: the history of its level variables. */
final class LevelChangeEntries {

  private static final List<String> LEVEL_VARIABLES = List.of("level", "levelName", "levelCauseType", "levelCause");

  private LevelChangeEntries() {
  }

  /** Level changes from the history of the level variables, which every change writes together. */
  static void add(List<HistoricVariableUpdate> updates, List<TimelineEntry> entries, TimelineText say) {
    Map<String, Object> change = null;
    Instant at = null;
    for (HistoricVariableUpdate update : updates) {
      if (!LEVEL_VARIABLES.contains(update.getVariableName())) {
        continue;
      }
      if ("level".equals(update.getVariableName())) {
        flushLevelChange(change, at, entries, say);
        change = new LinkedHashMap<>();
        at = update.getTime().toInstant();
      }
      if (change != null) {
        change.put(update.getVariableName(), plain(update.getValue()));
      }
    }
    flushLevelChange(change, at, entries, say);
  }

  private static void flushLevelChange(Map<String, Object> change, Instant at, List<TimelineEntry> entries,
      TimelineText say) {
    if (change != null) {
      String levelName = String.valueOf(change.get("levelName"));
      entries.add(new TimelineEntry(at, TimelineEntry.Type.LEVEL_CHANGE, CHEFSACHE,
          say.text("audit.entry.level", change.get("level"),
              say.messages().getMessage("level." + levelName, null, levelName, say.locale()), change.get("levelCause")),
          change));
    }
  }
}
