package io.chefsache.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports incidents for auditors as JSON or CSV with a hash chain, and keeps the head of every
 * export in {@code audit_export}: who exported what, when, and what its last hash must be.
 */
@Service
public class AuditExports {

  static final List<String> CSV_COLUMNS = List.of("seq", "incidentKey", "at", "type", "actor", "summary", "details",
      "previousHash", "hash");
  static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT).build();

  private final IncidentTimeline timelines;
  private final IncidentList incidents;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  AuditExports(IncidentTimeline timelines, IncidentList incidents, JdbcTemplate jdbc, Clock clock) {
    this.timelines = timelines;
    this.incidents = incidents;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A kept export head. */
  public record Anchor(String exportId, String scope, String exportedBy, Instant exportedAt, int entries, String head) {
  }

  @Transactional
  public AuditExport incident(String incidentKey, String user) {
    var timeline = timelines.of(incidentKey).orElseThrow(() -> new UnknownIncidentException(incidentKey));
    return export("incident " + incidentKey, user, List.of(timeline));
  }

  @Transactional
  public AuditExport period(Instant from, Instant to, String user) {
    List<IncidentTimeline.Timeline> all = new ArrayList<>();
    incidents.openedBetween(from, to).forEach(key -> timelines.of(key).ifPresent(all::add));
    return export("incidents opened from %s to %s".formatted(from, to), user, all);
  }

  public List<Anchor> anchors() {
    return jdbc.query("select id, scope, exported_by, exported_at, entries, head from audit_export "
            + "order by exported_at desc",
        (rs, row) -> new Anchor(rs.getString("id"), rs.getString("scope"), rs.getString("exported_by"),
            rs.getTimestamp("exported_at").toInstant(), rs.getInt("entries"), rs.getString("head")));
  }

  public static byte[] json(AuditExport export) {
    try {
      return JSON.writeValueAsBytes(export);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  public static byte[] csv(AuditExport export) {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    CSV_COLUMNS.forEach(schema::addColumn);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (AuditExport.Entry entry : export.entries()) {
      Map<String, Object> row = new LinkedHashMap<>(entry.content());
      row.put("details", HashChain.canonical(entry.details()));
      row.put("previousHash", entry.previousHash());
      row.put("hash", entry.hash());
      row.replaceAll((column, value) -> CsvCells.neutralize(value));
      rows.add(row);
    }
    try {
      return new CsvMapper().writer(schema.build()).writeValueAsString(rows).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private AuditExport export(String scope, String user, List<IncidentTimeline.Timeline> timelines) {
    List<AuditExport.Entry> entries = new ArrayList<>();
    String previous = HashChain.GENESIS;
    long seq = 0;
    for (IncidentTimeline.Timeline timeline : timelines) {
      for (TimelineEntry entry : timeline.entries()) {
        seq++;
        var unchained = new AuditExport.Entry(seq, timeline.incidentKey(), entry.at().toString(), entry.type().name(),
            entry.actor(), entry.summary(), entry.details(), null, null);
        String hash = HashChain.next(previous, unchained.content());
        entries.add(new AuditExport.Entry(seq, timeline.incidentKey(), unchained.at(), unchained.type(), entry.actor(),
            entry.summary(), entry.details(), previous, hash));
        previous = hash;
      }
    }
    var export = new AuditExport(AuditExport.FORMAT, UUID.randomUUID().toString(), scope, clock.instant(), user,
        AuditExport.ALGORITHM, entries, previous);
    jdbc.update("insert into audit_export (id, scope, exported_by, exported_at, entries, head) values (?, ?, ?, ?, ?, ?)",
        export.exportId(), scope, user, Timestamp.from(export.exportedAt()), entries.size(), export.head());
    return export;
  }
}
