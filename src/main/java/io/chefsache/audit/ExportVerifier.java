package io.chefsache.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks an audit export (JSON or CSV) without the application: every entry's hash is recomputed
 * from its content and the hash before it (a CSV cell's protective leading quote, {@link CsvCells},
 * is not part of the content). The result names the first entry that does not match
 * and the head to compare with the one Chefsache kept (audit page, "Exports").
 */
public final class ExportVerifier {

  private static final ObjectMapper JSON = new ObjectMapper();
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
      return text.startsWith("{") ? verifyJson(text) : verifyRows(csvRows(text));
    } catch (IOException | RuntimeException unreadable) {
      return new Result(false, 0, null, "not a readable export: " + unreadable.getMessage());
    }
  }

  /**
   * What changed between an export made earlier and one of the same incidents made later, entry by
   * entry (matched by incident, type and time): each changed or missing entry is explained by an
   * erasure the later export records for its incident (GDPR Art. 17: the author's data replaced by a
   * pseudonym), or reported as not explained. Entries added since are not changes.
   *
   * @param explained the changes an erasure explains, one line each
   * @param unexplained the changes nothing recorded explains, one line each (the earlier export was
   *     changed, or the record was)
   */
  public record Comparison(boolean bothValid, List<String> explained, List<String> unexplained) {
  }

  public static Comparison compare(byte[] earlier, byte[] later) {
    if (!verify(earlier).valid() || !verify(later).valid()) {
      return new Comparison(false, List.of(), List.of("an export does not verify on its own"));
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
      for (Map<String, Object> row : before) {
        var candidates = after.get(identity(row));
        Map<String, Object> now = candidates == null ? null : candidates.poll();
        if (now != null && SAME.stream().allMatch(field -> Objects.equals(row.get(field), now.get(field)))) {
          continue;
        }
        String what = "entry %s (%s %s, %s) %s".formatted(row.get("seq"), row.get("type"), row.get("at"),
            row.get("incidentKey"), now == null ? "is gone" : "was changed");
        List<Map<String, Object>> by = erasures.getOrDefault((String) row.get("incidentKey"), List.of());
        if (by.isEmpty()) {
          unexplained.add(what + ": no erasure recorded for it");
        } else {
          Map<String, Object> erasure = by.get(by.size() - 1);
          @SuppressWarnings("unchecked")
          Map<String, Object> details = (Map<String, Object>) erasure.get("details");
          explained.add(what + ": erased at %s by %s (%s), the author is now %s".formatted(erasure.get("at"),
              erasure.get("actor"), details.get("reason"), details.get("pseudonym")));
        }
      }
      return new Comparison(true, explained, unexplained);
    } catch (IOException unreadable) {
      return new Comparison(false, List.of(), List.of("not a readable export: " + unreadable.getMessage()));
    }
  }

  /** What an entry is: its incident, type and time (its number may differ between two exports). */
  private static String identity(Map<String, Object> row) {
    return row.get("incidentKey") + "\n" + row.get("type") + "\n" + row.get("at");
  }

  private static List<Map<String, Object>> rows(byte[] export) throws IOException {
    String text = new String(export, StandardCharsets.UTF_8).stripLeading();
    return text.startsWith("{") ? jsonRows(JSON.readTree(text)) : csvRows(text);
  }

  private static List<Map<String, Object>> jsonRows(JsonNode document) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode entry : document.path("entries")) {
      rows.add(JSON.convertValue(entry, MAP));
    }
    return rows;
  }

  private static Result verifyJson(String text) throws IOException {
    JsonNode document = JSON.readTree(text);
    Result result = verifyRows(jsonRows(document));
    String claimedHead = document.path("head").asText(null);
    if (result.valid() && !result.head().equals(claimedHead)) {
      return new Result(false, result.entries(), result.head(),
          "the head %s does not match the entries (%s)".formatted(claimedHead, result.head()));
    }
    return result;
  }

  private static List<Map<String, Object>> csvRows(String text) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> lines = new CsvMapper().readerFor(new TypeReference<Map<String, String>>() { })
        .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
      while (lines.hasNext()) {
        Map<String, String> line = lines.next();
        line.replaceAll((column, cell) -> CsvCells.restore(cell));
        Map<String, Object> row = new LinkedHashMap<>(line);
        row.put("seq", Long.parseLong(line.get("seq")));
        row.put("details", JSON.readValue(line.get("details"), MAP));
        rows.add(row);
      }
    }
    return rows;
  }

  private static Result verifyRows(List<Map<String, Object>> rows) {
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
      String hash = HashChain.next(previous, content);
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
