package io.chefsache.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an audit export (JSON or CSV) without the application: every entry's hash is recomputed
 * from its content and the hash before it (a CSV cell's protective leading quote, {@link CsvCells},
 * is not part of the content). The result names the first entry that does not match
 * and the head to compare with the one Chefsache kept (audit page, "Exports").
 */
public final class ExportVerifier {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

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
      return text.startsWith("{") ? verifyJson(text) : verifyCsv(text);
    } catch (IOException | RuntimeException unreadable) {
      return new Result(false, 0, null, "not a readable export: " + unreadable.getMessage());
    }
  }

  private static Result verifyJson(String text) throws IOException {
    JsonNode document = JSON.readTree(text);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode entry : document.path("entries")) {
      rows.add(JSON.convertValue(entry, MAP));
    }
    Result result = verifyRows(rows);
    String claimedHead = document.path("head").asText(null);
    if (result.valid() && !result.head().equals(claimedHead)) {
      return new Result(false, result.entries(), result.head(),
          "the head %s does not match the entries (%s)".formatted(claimedHead, result.head()));
    }
    return result;
  }

  private static Result verifyCsv(String text) throws IOException {
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
    return verifyRows(rows);
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
