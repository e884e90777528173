package io.chefsache.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chefsache's own rows (mentions, replies and notifications, the incident row) follow the engine's
 * history: once Camunda's history cleanup has removed an incident (its {@code historyTimeToLive}
 * after it ended), this removes the rest of it, every night after the cleanup window. Nothing of an
 * incident whose history still exists is touched, so auditors never see half an incident.
 */
@Component
public class OwnDataRetention {

  private static final Logger LOG = LoggerFactory.getLogger(OwnDataRetention.class);
  /** An incident younger than this is never looked at: its process may not have started yet. */
  private static final Duration GRACE = Duration.ofDays(1);
  private static final int BATCH = 1_000;

  private final JdbcTemplate jdbc;
  private final HistoryService history;
  private final TransactionTemplate transaction;
  private final Clock clock;

  OwnDataRetention(JdbcTemplate jdbc, HistoryService history, TransactionTemplate transaction, Clock clock) {
    this.jdbc = jdbc;
    this.history = history;
    this.transaction = transaction;
    this.clock = clock;
  }

  @Scheduled(cron = "${chefsache.audit.retention-cron:0 30 5 * * *}")
  void nightly() {
    int removed = removeCleanedUpIncidents(clock.instant().minus(GRACE));
    if (removed > 0) {
      LOG.info("Removed the mentions and outbound records of {} incidents whose history was cleaned up", removed);
    }
  }

  /** Removes the own rows of incidents opened before {@code openedBefore} that have no history left. */
  public int removeCleanedUpIncidents(Instant openedBefore) {
    List<Map<String, Object>> candidates = jdbc.queryForList("""
        select incident_key, process_instance_id from incident where opened_at < ? order by opened_at
        fetch first %d rows only""".formatted(BATCH), Timestamp.from(openedBefore));
    int removed = 0;
    for (Map<String, Object> incident : candidates) {
      String key = (String) incident.get("incident_key");
      if (history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).count() == 0) {
        transaction.executeWithoutResult(status -> {
          jdbc.update("delete from mention where incident_key = ?", key);
          jdbc.update("delete from outbound_action where incident_key = ?", key);
          jdbc.update("delete from incident_level where process_instance_id = ?", incident.get("process_instance_id"));
          jdbc.update("delete from incident_minute where incident_key = ?", key);
          jdbc.update("delete from incident where incident_key = ?", key);
        });
        removed++;
      }
    }
    return removed;
  }
}
