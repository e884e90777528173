package io.chefsache.escalation;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The current level per incident process, kept beside the process variable for fast reads: the
 * intake answers each mention with its incident's level (see {@code MentionStore#findIncident}).
 */
@Repository
class IncidentLevels {

  private final JdbcTemplate jdbc;

  IncidentLevels(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void record(String processInstanceId, int level, Instant changedAt) {
    Timestamp at = Timestamp.from(changedAt);
    if (jdbc.update("update incident_level set level = ?, changed_at = ? where process_instance_id = ?",
        level, at, processInstanceId) == 0) {
      jdbc.update("insert into incident_level (process_instance_id, level, changed_at) values (?, ?, ?)",
          processInstanceId, level, at);
    }
  }
}
