package io.chefsache.privacy;

import io.chefsache.escalation.IncidentVariables;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mentions are personal data of their authors; Chefsache keeps them only as long as the incident
 * needs them. Once every process of an incident has ended more than {@code chefsache.retention.mentions}
 * ago (90 days by default), and every process of the situation it joined, if any, the texts, handles and
 * links of its mentions are removed from Chefsache's table and from the engine's history (the variables
 * that carried them, the situation's copy of its first mention included). What the audit needs stays:
 * each mention's row with its reach, sentiment, topics and the hash of its payload; decisions, tasks
 * and publications follow the history's own time to live (the diagrams' {@code historyTimeToLive}).
 */
@Component
public class MentionRetention {

  private static final Logger LOG = LoggerFactory.getLogger(MentionRetention.class);
  /** The process variables that carry a mention's personal data. */
  static final List<String> PERSONAL_VARIABLES = List.of(IncidentVariables.MENTION_TEXT,
      IncidentVariables.MENTION_AUTHOR, IncidentVariables.MENTION_URL, IncidentVariables.MENTION_EXCERPT);
  public static final String RETENTION = "retention";
  private static final int BATCH = 500;

  private final JdbcTemplate jdbc;
  private final HistoryService history;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Duration retention;

  MentionRetention(JdbcTemplate jdbc, HistoryService history, TransactionTemplate transaction, Clock clock,
      @Value("${chefsache.retention.mentions:P90D}") Duration retention) {
    this.jdbc = jdbc;
    this.history = history;
    this.transaction = transaction;
    this.clock = clock;
    this.retention = retention;
  }

  @Scheduled(cron = "${chefsache.audit.retention-cron:0 30 5 * * *}")
  void nightly() {
    int incidents = removeExpired(clock.instant());
    if (incidents > 0) {
      LOG.info("Removed the personal data of the mentions of {} incidents after their retention period", incidents);
    }
  }

  /**
   * Removes the personal data of the mentions of every incident that ended a retention period before
   * {@code now}, oldest first, a page of incidents at a time: running incidents with old mentions do
   * not keep an ended one from its turn.
   */
  public int removeExpired(Instant now) {
    Instant endedBefore = now.minus(retention);
    int removed = 0;
    // the incidents removed drop out of the candidates: the next page starts after those kept
    for (int offset = 0; ; ) {
      List<String> candidates = jdbc.queryForList("""
          select incident_key from mention where personal_data_removed_at is null and received_at < ?
          group by incident_key order by min(received_at), incident_key offset %d rows fetch next %d rows only"""
          .formatted(offset, BATCH), String.class, Timestamp.from(endedBefore));
      int kept = 0;
      for (String key : candidates) {
        List<HistoricProcessInstance> processes = processesHolding(key);
        boolean ended = processes.stream().allMatch(process -> process.getEndTime() != null
            && process.getEndTime().toInstant().isBefore(endedBefore));
        if (ended) {
          remove(key, processes, RETENTION);
          removed++;
        } else {
          kept++;
        }
      }
      if (candidates.size() < BATCH) {
        return removed;
      }
      offset += kept;
    }
  }

  /**
   * The processes that carry the incident's mentions: its own, and those of the situation it joined,
   * which carry a copy of the situation's first mention. A situation's processes keep its threads'
   * mentions until they have ended too.
   */
  private List<HistoricProcessInstance> processesHolding(String incidentKey) {
    List<HistoricProcessInstance> processes = new ArrayList<>(history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(incidentKey).list());
    for (String situation : jdbc.queryForList("select situation_key from situation_thread where incident_key = ?",
        String.class, incidentKey)) {
      processes.addAll(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(situation).list());
    }
    return processes;
  }

  private void remove(String incidentKey, List<HistoricProcessInstance> processes, String why) {
    transaction.executeWithoutResult(status -> {
      jdbc.update("""
          update mention set text = '', author_handle = null, url = null, personal_data_removed_at = ?,
          personal_data_removed_why = ? where incident_key = ? and personal_data_removed_at is null""",
          Timestamp.from(clock.instant()), why, incidentKey);
      if (!processes.isEmpty()) {
        history.createHistoricVariableInstanceQuery()
            .processInstanceIdIn(processes.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
            .variableNameIn(PERSONAL_VARIABLES.toArray(String[]::new)).list().stream()
            .map(HistoricVariableInstance::getId).forEach(history::deleteHistoricVariableInstance);
        processes.forEach(process -> HistoryText.emptyFormFields(jdbc, history, process.getId(), PERSONAL_VARIABLES));
      }
    });
  }
}
