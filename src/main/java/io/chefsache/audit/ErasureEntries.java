package io.chefsache.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Erasures of personal data that changed an incident's record: Chefsache's {@code erasure} tables. */
@Component
class ErasureEntries {

  private final JdbcTemplate jdbc;

  ErasureEntries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Erasures of an author's personal data (GDPR Art. 17) that changed this incident's record. */
  void add(String incidentKey, List<TimelineEntry> entries, TimelineText say) {
    jdbc.query("""
        select e.id, e.pseudonym, e.requested_by, e.reason, e.erased_at from erasure e
        join erasure_incident i on i.erasure_id = e.id where i.incident_key = ?""", rs -> {
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("erasureId", rs.getString("id"));
          details.put("pseudonym", rs.getString("pseudonym"));
          details.put("reason", rs.getString("reason"));
          entries.add(new TimelineEntry(rs.getTimestamp("erased_at").toInstant(), TimelineEntry.Type.ERASURE,
              rs.getString("requested_by"), say.text("audit.entry.erasure", rs.getString("pseudonym"),
              rs.getString("reason")), details));
        }, incidentKey);
  }
}
