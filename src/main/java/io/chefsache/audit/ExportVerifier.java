package io.chefsache.audit;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Checks an audit export (JSON or CSV) without the application: every entry's hash is recomputed
 * from its content and the hash before it (a CSV cell's protective leading quote, {@link CsvCells},
 * is not part of the content). The result names the first entry that does not match
 * and the head to compare with the one Chefsache kept (audit page, "Exports").
 */
public final class ExportVerifier {

  /** Refuses a key given twice: a reader would see the first, a verifier the last. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> DOCUMENT_FIELDS = Set.of("format", "exportId", "scope", "exportedAt", "exportedBy",
      "algorithm", "entries", "head");
  private static final Set<String> ENTRY_FIELDS = Set.of("seq", "incidentKey", "at", "type", "actor", "summary",
      "details", "previousHash", "hash");
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
  /** What must be equal for an entry to be unchanged. */
  private static final List<String> SAME = List.of("actor", "summary", "details");

  private ExportVerifier() {
  }

  /**
   * @param valid whether every link holds
   * @param entries how many entries were checked
   * @param head the last hash recomputed from the content
   * @param problem what is wrong, where, or {@code null}
   */
  public record Result(boolean valid, int entries, String head, String problem) {
  }

  public static Result verify(byte[] export) {
    String text = new String(export, StandardCharsets.UTF_8).stripLeading();
    try {
      if (text.startsWith("{")) {
        return verifyJson(text);
      }
      List<Map<String, Object>> rows = csvRows(text);
      return verifyRows(rows, csvFormat(rows));
    } catch (IOException | RuntimeException unreadable) {
      return new Result(false, 0, null, "not a readable export: " + unreadable.getMessage());
    }
  }

  /**
   * What changed between an export made earlier and one of the same incidents made later, entry by
   * entry (matched by incident, type and time): each changed or missing entry is explained by an
   * erasure the later export records for its incident (GDPR Art. 17: the author's data replaced by a
   * pseudonym) when it changed only as an erasure changes entries ({@link ErasureCheck}), or reported
   * as not explained. An entry the later export has in addition is listed as added; dated before the
   * earlier export was made (its {@code exportedAt}, for a CSV its last entry), it is not explained:
   * the record does not learn of the past afterwards.
   *
   * @param explained the changes an erasure explains, one line each
   * @param unexplained the changes nothing recorded explains, one line each (the earlier export was
   *     changed, or the record was)
   * @param added the entries recorded since the earlier export, one line each
   */
  public record Comparison(boolean bothValid, List<String> explained, List<String> unexplained, List<String> added) {
  }

  public static Comparison compare(byte[] earlier, byte[] later) {
    if (!verify(earlier).valid() || !verify(later).valid()) {
      return new Comparison(false, List.of(), List.of("an export does not verify on its own"), List.of());
    }
    try {
      List<Map<String, Object>> before = rows(earlier);
      Map<String, Deque<Map<String, Object>>> after = new LinkedHashMap<>();
      Map<String, List<Map<String, Object>>> erasures = new LinkedHashMap<>();
      for (Map<String, Object> row : rows(later)) {
        after.computeIfAbsent(identity(row), key -> new ArrayDeque<>()).add(row);
        if ("ERASURE".equals(row.get("type"))) {
          erasures.computeIfAbsent((String) row.get("incidentKey"), key -> new ArrayList<>()).add(row);
        }
      }
      List<String> explained = new ArrayList<>();
      List<String> unexplained = new ArrayList<>();
      Map<Map<String, Object>, ErasureCheck> checks = new LinkedHashMap<>();
      for (Map<String, Object> row : before) {
        var candidates = after.get(identity(row));
        Map<String, Object> now = candidates == null ? null : candidates.poll();
        if (now != null && SAME.stream().allMatch(field -> Objects.equals(row.get(field), now.get(field)))) {
          continue;
        }
        String what = "entry %s (%s %s, %s) %s".formatted(row.get("seq"), row.get("type"), row.get("at"),
            row.get("incidentKey"), now == null ? "is gone" : "was changed");
        if (now != null && ErasureCheck.RETENTION.equals(mark(now)) && ErasureCheck.retention().explains(row, now)) {
          explained.add(what + ": its author's data was removed after the retention period");
          continue;
        }
        List<Map<String, Object>> by = erasures.getOrDefault((String) row.get("incidentKey"), List.of());
        if (by.isEmpty()) {
          unexplained.add(what + ": no erasure recorded for it");
          continue;
        }
        Map<String, Object> erasure = by.stream()
            .filter(candidate -> checks.computeIfAbsent(candidate, ErasureCheck::new).explains(row, now))
            .findFirst().orElse(null);
        if (erasure == null) {
          unexplained.add(what + ": more than an erasure changes (the pseudonym for the author, texts removed)");
        } else {
          @SuppressWarnings("unchecked")
          Map<String, Object> details = (Map<String, Object>) erasure.get("details");
          explained.add(what + ": erased at %s by %s (%s), the author is now %s".formatted(erasure.get("at"),
              erasure.get("actor"), details.get("reason"), details.get("pseudonym")));
        }
      }
      Instant madeAt = madeAt(earlier, before);
      List<String> added = new ArrayList<>();
      after.values().forEach(rest -> rest.forEach(row -> {
        String what = "entry %s (%s %s, %s)".formatted(row.get("seq"), row.get("type"), row.get("at"),
            row.get("incidentKey"));
        if (madeAt != null && Instant.parse((String) row.get("at")).isBefore(madeAt)) {
          unexplained.add(what + " was added although it is dated before the earlier export was made");
        } else {
          added.add(what);
        }
      }));
      return new Comparison(true, explained, unexplained, added);
    } catch (IOException unreadable) {
      return new Comparison(false, List.of(), List.of("not a readable export: " + unreadable.getMessage()), List.of());
    }
  }

  /**
   * What one erasure may change in an entry, and nothing else: the author's handle becomes the
   * pseudonym wherever it stood (one handle for the whole erasure), a text or link is removed, a
   * mention is marked as erased, and a summary loses what its details lost. Payload hashes stay.
   */
  private static final class ErasureCheck {

    static final String MARK = "personalDataRemoved";
    static final String ERASURE = "erasure";
    static final String RETENTION = "retention";
    private static final String PAYLOAD_HASH = "payloadSha256";
    private static final String ACTOR = "actor";
    /** How a mention's author reads once retention removed it ({@code MentionEntries.REMOVED}). */
    private static final String REMOVED_AUTHOR = "-";

    /** The erasure's pseudonym; {@code null}: what retention removes (texts, links, the author), nothing replaced. */
    private final String pseudonym;
    /** The erased handle, learnt from the first change that shows it. */
    private String handle;

    @SuppressWarnings("unchecked")
    ErasureCheck(Map<String, Object> erasure) {
      this(String.valueOf(((Map<String, Object>) erasure.get("details")).get("pseudonym")));
    }

    private ErasureCheck(String pseudonym) {
      this.pseudonym = pseudonym;
    }

    /** What retention changes in an entry. */
    static ErasureCheck retention() {
      return new ErasureCheck((String) null);
    }

    boolean explains(Map<String, Object> was, Map<String, Object> is) {
      if (is == null) {
        return false;
      }
      List<String> removed = new ArrayList<>();
      boolean onlyWhatItChanges = value(was.get(ACTOR), is.get(ACTOR), ACTOR, removed)
          && value(was.get("details"), is.get("details"), null, removed)
          && summary((String) was.get("summary"), (String) is.get("summary"), removed);
      // texts are removed only from what concerns the author: an entry that names the pseudonym, or a
      // mention marked as removed
      return onlyWhatItChanges && (removed.isEmpty() || concernsTheAuthor(is));
    }

    private boolean concernsTheAuthor(Map<String, Object> is) {
      if (pseudonym == null) {
        return RETENTION.equals(mark(is));
      }
      return ERASURE.equals(mark(is)) || String.valueOf(is.get(ACTOR)).contains(pseudonym)
          || String.valueOf(is.get("summary")).contains(pseudonym) || String.valueOf(is.get("details")).contains(pseudonym);
    }

    private boolean value(Object was, Object is, String key, List<String> removed) {
      if (Objects.equals(was, is)) {
        return true;
      }
      if (PAYLOAD_HASH.equals(key)) {
        return false;
      }
      if (ACTOR.equals(key) && pseudonym == null) {
        return REMOVED_AUTHOR.equals(is);
      }
      if (was instanceof Map<?, ?> earlier && is instanceof Map<?, ?> later) {
        for (Object name : later.keySet()) {
          if (!earlier.containsKey(name)
              && !(MARK.equals(name) && (pseudonym == null ? RETENTION : ERASURE).equals(later.get(name)))) {
            return false;
          }
        }
        return earlier.keySet().stream().allMatch(name ->
            value(earlier.get(name), later.get(name), String.valueOf(name), removed));
      }
      if (was instanceof List<?> earlier && is instanceof List<?> later) {
        return earlier.size() == later.size() && IntStream.range(0, earlier.size())
            .allMatch(i -> value(earlier.get(i), later.get(i), key, removed));
      }
      if (was instanceof String text) {
        if ((is == null || "".equals(is)) && !ACTOR.equals(key)) {
          removed.add(text);
          return true;
        }
        return is instanceof String now && handleReplaced(text, now);
      }
      return false;
    }

    /** Whether {@code is} is {@code was} with every occurrence of one handle replaced by the pseudonym. */
    private boolean handleReplaced(String was, String is) {
      if (pseudonym == null || !is.contains(pseudonym)) {
        return false;
      }
      String[] parts = is.split(Pattern.quote(pseudonym), -1);
      StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
      for (int i = 1; i < parts.length; i++) {
        regex.append(handle != null ? Pattern.quote(handle) : i == 1 ? "(.+?)" : "\\1").append(Pattern.quote(parts[i]));
      }
      Matcher match = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(was);
      if (!match.matches()) {
        return false;
      }
      if (handle == null) {
        handle = match.group(1);
      }
      return true;
    }

    /** A summary may lose what the details lost (or say it was removed) and name the pseudonym. */
    private boolean summary(String was, String is, List<String> removed) {
      if (Objects.equals(was, is)) {
        return true;
      }
      if (was == null || is == null) {
        return false;
      }
      if (removed.isEmpty()) {
        return handleReplaced(was, is);
      }
      List<String> holes = new ArrayList<>(removed.stream().filter(text -> !text.isEmpty()).toList());
      if (handle != null) {
        holes.add(handle);
      }
      holes.sort(Comparator.comparingInt(String::length).reversed());
      StringBuilder regex = new StringBuilder();
      int literal = 0;
      for (int i = 0; i < was.length(); ) {
        int at = i;
        String hole = holes.stream().filter(text -> was.startsWith(text, at)).findFirst().orElse(null);
        if (hole == null) {
          i++;
          continue;
        }
        regex.append(Pattern.quote(was.substring(literal, i)))
            .append(hole.equals(handle) ? Pattern.quote(pseudonym) : ".*?");
        i += hole.length();
        literal = i;
      }
      regex.append(Pattern.quote(was.substring(literal)));
      return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(is).matches();
    }
  }

  /** When an export was made: its {@code exportedAt}, or for a CSV (which has no header) its last entry's time. */
  private static Instant madeAt(byte[] export, List<Map<String, Object>> rows) throws IOException {
    String text = new String(export, StandardCharsets.UTF_8).stripLeading();
    if (text.startsWith("{")) {
      String exportedAt = JSON.readTree(text).path("exportedAt").asText(null);
      if (exportedAt != null) {
        return Instant.parse(exportedAt);
      }
    }
    return rows.isEmpty() ? null : rows.stream().map(row -> Instant.parse((String) row.get("at")))
        .max(Instant::compareTo).orElseThrow();
  }

  /** How an entry says its author's data was removed ({@code erasure}, {@code retention}), if it does. */
  @SuppressWarnings("unchecked")
  private static Object mark(Map<String, Object> entry) {
    return entry.get("details") instanceof Map<?, ?> details ? ((Map<String, Object>) details).get(ErasureCheck.MARK)
        : null;
  }

  /** What an entry is: its incident, type and time (its number may differ between two exports). */
  private static String identity(Map<String, Object> row) {
    return row.get("incidentKey") + "\n" + row.get("type") + "\n" + row.get("at");
  }

  private static List<Map<String, Object>> rows(byte[] export) throws IOException {
    String text = new String(export, StandardCharsets.UTF_8).stripLeading();
    return text.startsWith("{") ? jsonRows(JSON.readTree(text)) : csvRows(text);
  }

  /**
   * The entries of a JSON export, which must have exactly an export's fields: anything added would be
   * read by a person but covered by no hash.
   */
  private static List<Map<String, Object>> jsonRows(JsonNode document) {
    if (!document.isObject() || !document.path("entries").isArray() || !document.has("head")) {
      throw new IllegalArgumentException("not a Chefsache export: no entries and head");
    }
    document.fieldNames().forEachRemaining(name -> {
      if (!DOCUMENT_FIELDS.contains(name)) {
        throw new IllegalArgumentException("the export has a field no export has: " + name);
      }
    });
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode entry : document.path("entries")) {
      Map<String, Object> row = JSON.convertValue(entry, MAP);
      if (!row.keySet().equals(ENTRY_FIELDS)) {
        throw new IllegalArgumentException("entry %s has other fields than an export's entry: %s"
            .formatted(row.get("seq"), row.keySet()));
      }
      rows.add(row);
    }
    return rows;
  }

  private static Result verifyJson(String text) throws IOException {
    JsonNode document = JSON.readTree(text);
    Result result = verifyRows(jsonRows(document), document.path("format").asText(AuditExport.FORMAT_1));
    String claimedHead = document.path("head").asText(null);
    if (result.valid() && !result.head().equals(claimedHead)) {
      return new Result(false, result.entries(), result.head(),
          "the head %s does not match the entries (%s)".formatted(claimedHead, result.head()));
    }
    return result;
  }

  /**
   * The rows of a CSV export, whose header must be an export's (its columns, each once) and whose
   * every cell must be as Chefsache wrote it, formulas neutralized ({@link CsvCells}): a cell a
   * spreadsheet would run is refused, even where its value hashes right.
   */
  private static List<Map<String, Object>> csvRows(String text) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (MappingIterator<List<String>> lines = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
        .readerFor(new TypeReference<List<String>>() { }).readValues(text)) {
      List<String> header = lines.hasNext() ? lines.next() : List.of();
      if (!header.equals(AuditExports.CSV_COLUMNS)
          && !header.equals(AuditExports.CSV_COLUMNS.subList(0, AuditExports.CSV_COLUMNS.size() - 1))) {
        throw new IllegalArgumentException("not a Chefsache export: its columns are " + header);
      }
      while (lines.hasNext()) {
        List<String> cells = lines.next();
        if (cells.size() != header.size()) {
          throw new IllegalArgumentException("row %d has %d cells, the header %d".formatted(rows.size() + 1,
              cells.size(), header.size()));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
          String cell = cells.get(i);
          String value = CsvCells.restore(cell);
          if (!cell.equals(CsvCells.neutralize(value))) {
            throw new IllegalArgumentException("row %d: the cell %s is not as Chefsache writes it (a spreadsheet "
                .formatted(rows.size() + 1, header.get(i)) + "would run it as a formula)");
          }
          row.put(header.get(i), value);
        }
        row.put("seq", Long.parseLong((String) row.get("seq")));
        row.put("details", JSON.readValue((String) row.get("details"), MAP));
        rows.add(row);
      }
    }
    return rows;
  }

  /** A CSV export's format: its {@code format} column, which exports of format 1 did not have. */
  private static String csvFormat(List<Map<String, Object>> rows) {
    return rows.isEmpty() || rows.get(0).get("format") == null ? AuditExport.FORMAT_1
        : String.valueOf(rows.get(0).get("format"));
  }

  private static Result verifyRows(List<Map<String, Object>> rows, String format) {
    if (!AuditExport.FORMAT.equals(format) && !AuditExport.FORMAT_1.equals(format)) {
      return new Result(false, 0, null, "unknown export format " + format);
    }
    String previous = HashChain.GENESIS;
    int checked = 0;
    for (Map<String, Object> row : rows) {
      Object seq = row.get("seq");
      if (!previous.equals(row.get("previousHash"))) {
        return new Result(false, checked, previous, "entry %s does not follow the entry before it".formatted(seq));
      }
      Map<String, Object> content = new LinkedHashMap<>();
      for (String field : List.of("seq", "incidentKey", "at", "type", "actor", "summary", "details")) {
        content.put(field, row.get(field));
      }
      if (!format.equals(row.getOrDefault("format", format))) {
        return new Result(false, checked, previous, "entry %s names another format".formatted(seq));
      }
      String hash = HashChain.next(previous, content, format);
      if (!hash.equals(row.get("hash"))) {
        return new Result(false, checked, previous, "entry %s was changed: its content does not give its hash"
            .formatted(seq));
      }
      previous = hash;
      checked++;
    }
    return new Result(true, checked, previous, null);
  }
}
