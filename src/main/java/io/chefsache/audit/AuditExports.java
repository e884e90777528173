package io.chefsache.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.chefsache.config.Texts;
import io.chefsache.escalation.Situations;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports incidents for auditors as JSON or CSV with a hash chain, and keeps the head of every
 * export in {@code audit_export}: who exported what, when, and what its last hash must be.
 */
@Service
public class AuditExports {

  /** The CSV's columns; {@code format} (since format 2) says how the hashes were computed. */
  static final List<String> CSV_COLUMNS = List.of("seq", "incidentKey", "at", "type", "actor", "summary", "details",
      "previousHash", "hash", "format");
  static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT).build();

  /** Times in export summaries: UTC, named so ("UTC", not "Z"). */
  private static final ZoneId UTC = ZoneId.of("UTC");

  private final IncidentTimeline timelines;
  private final IncidentList incidents;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Texts texts;

  /** Exports are written in the configured language ({@code chefsache.language}) and UTC, whoever asks for them. */
  AuditExports(IncidentTimeline timelines, IncidentList incidents, JdbcTemplate jdbc, Clock clock, Texts texts) {
    this.texts = texts;
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
    var timeline = timelines.of(incidentKey, texts.locale(), UTC)
        .orElseThrow(() -> new UnknownIncidentException(incidentKey));
    boolean situation = Situations.PROCESS_KEY.equals(timeline.incidents().get(0).getProcessDefinitionKey());
    return export(texts.get(situation ? "audit.exports.scopeSituation" : "audit.exports.scopeIncident", incidentKey),
        user, List.of(timeline));
  }

  /** An export as written: what the response headers and the kept head need. */
  public record Written(String exportId, String head, long entries) {
  }

  /**
   * Writes the export of every incident and every situation opened in {@code [from, to)} to {@code out},
   * one at a time: memory holds one timeline (and the keys already written), however long the period.
   */
  @Transactional
  public Written period(Instant from, Instant to, String user, String format, OutputStream out) throws IOException {
    String scope = texts.get("audit.exports.scopePeriod", from.toString(), to.toString());
    var header = new AuditExport(AuditExport.FORMAT, UUID.randomUUID().toString(), scope, clock.instant(), user,
        AuditExport.ALGORITHM, List.of(), null);
    Set<String> written = new HashSet<>();
    try (ExportWriter writer = writer(format, header, out)) {
      var chain = new Chain(writer::entry);
      incidents.openedBetween(from, to, key -> {
        if (written.add(key)) {
          timelines.of(key, texts.locale(), UTC).ifPresent(chain::add);
        }
      });
      // the situations opened in the period: management's line, the crisis, their deadlines
      jdbc.query("select situation_key from situation where opened_at >= ? and opened_at < ? order by opened_at",
          (ResultSet rs) -> {
            String key = rs.getString(1);
            if (written.add(key)) {
              timelines.of(key, texts.locale(), UTC).ifPresent(chain::add);
            }
          }, Timestamp.from(from), Timestamp.from(to));
      writer.finish(chain.previous);
      return keep(header, chain.seq, chain.previous);
    }
  }

  public List<Anchor> anchors() {
    return jdbc.query("select id, scope, exported_by, exported_at, entries, head from audit_export "
            + "order by exported_at desc",
        (rs, row) -> new Anchor(rs.getString("id"), rs.getString("scope"), rs.getString("exported_by"),
            rs.getTimestamp("exported_at").toInstant(), rs.getInt("entries"), rs.getString("head")));
  }

  public static byte[] json(AuditExport export) {
    return bytes("json", export);
  }

  public static byte[] csv(AuditExport export) {
    return bytes("csv", export);
  }

  private static byte[] bytes(String format, AuditExport export) {
    var out = new ByteArrayOutputStream();
    try (ExportWriter writer = writer(format, export, out)) {
      for (AuditExport.Entry entry : export.entries()) {
        writer.entry(entry);
      }
      writer.finish(export.head());
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return out.toByteArray();
  }

  /** A row of the CSV export. */
  private static Map<String, Object> csvRow(AuditExport.Entry entry) {
    Map<String, Object> row = new LinkedHashMap<>(entry.content());
    row.put("details", HashChain.canonical(entry.details()));
    row.put("previousHash", entry.previousHash());
    row.put("hash", entry.hash());
    row.put("format", AuditExport.FORMAT);
    row.replaceAll((column, value) -> CsvCells.neutralize(value));
    return row;
  }

  /** Writes an export entry by entry, never holding more than one. */
  private interface ExportWriter extends Closeable {

    void entry(AuditExport.Entry entry) throws IOException;

    void finish(String head) throws IOException;
  }

  /**
   * CSV: a header row, then a row per entry (the last row's hash is the head). JSON: as
   * {@link AuditExport} serializes, its fields in order, the entries, then the head.
   */
  private static ExportWriter writer(String format, AuditExport header, OutputStream out) throws IOException {
    if ("csv".equals(format)) {
      CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
      CSV_COLUMNS.forEach(schema::addColumn);
      SequenceWriter rows = new CsvMapper().writer(schema.build()).writeValues(out);
      return new ExportWriter() {
        @Override
        public void entry(AuditExport.Entry entry) throws IOException {
          rows.write(csvRow(entry));
        }

        @Override
        public void finish(String head) {
          // the head is the last row's hash
        }

        @Override
        public void close() throws IOException {
          rows.close();
        }
      };
    }
    JsonGenerator json = JSON.createGenerator(out);
    json.writeStartObject();
    json.writeStringField("format", header.format());
    json.writeStringField("exportId", header.exportId());
    json.writeStringField("scope", header.scope());
    json.writeObjectField("exportedAt", header.exportedAt());
    json.writeStringField("exportedBy", header.exportedBy());
    json.writeStringField("algorithm", header.algorithm());
    json.writeArrayFieldStart("entries");
    return new ExportWriter() {
      @Override
      public void entry(AuditExport.Entry entry) throws IOException {
        json.writeObject(entry);
      }

      @Override
      public void finish(String head) throws IOException {
        json.writeEndArray();
        json.writeStringField("head", head);
        json.writeEndObject();
      }

      @Override
      public void close() throws IOException {
        json.close();
      }
    };
  }

  /** Chains the entries of incident after incident, each hash over the entry and the hash before it. */
  private static final class Chain {
    private final Consumer<AuditExport.Entry> next;
    private String previous = HashChain.GENESIS;
    private long seq;

    Chain(IoConsumer<AuditExport.Entry> next) {
      this.next = entry -> {
        try {
          next.accept(entry);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
    }

    void add(IncidentTimeline.Timeline timeline) {
      for (TimelineEntry entry : timeline.entries()) {
        seq++;
        var unchained = new AuditExport.Entry(seq, timeline.incidentKey(), entry.at().toString(), entry.type().name(),
            entry.actor(), entry.summary(), entry.details(), null, null);
        String hash = HashChain.next(previous, unchained.content());
        next.accept(new AuditExport.Entry(seq, timeline.incidentKey(), unchained.at(), unchained.type(), entry.actor(),
            entry.summary(), entry.details(), previous, hash));
        previous = hash;
      }
    }
  }

  private interface IoConsumer<T> {
    void accept(T value) throws IOException;
  }

  private AuditExport export(String scope, String user, List<IncidentTimeline.Timeline> timelines) {
    List<AuditExport.Entry> entries = new ArrayList<>();
    var chain = new Chain(entries::add);
    timelines.forEach(chain::add);
    var export = new AuditExport(AuditExport.FORMAT, UUID.randomUUID().toString(), scope, clock.instant(), user,
        AuditExport.ALGORITHM, entries, chain.previous);
    keep(export, entries.size(), export.head());
    return export;
  }

  private Written keep(AuditExport export, long entries, String head) {
    jdbc.update("insert into audit_export (id, scope, exported_by, exported_at, entries, head) "
            + "values (?, ?, ?, ?, ?, ?)", export.exportId(), export.scope(), export.exportedBy(),
        Timestamp.from(export.exportedAt()), entries, head);
    return new Written(export.exportId(), head, entries);
  }
}
