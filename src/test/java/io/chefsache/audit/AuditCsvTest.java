package io.chefsache.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A CSV export opened in a spreadsheet shows text, never a formula, and still verifies. */
class AuditCsvTest {

  private static final List<String> HOSTILE = List.of("=HYPERLINK(\"https://evil.example\",\"Details\")",
      "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "'=quoted already");

  @Test
  void cellsThatASpreadsheetWouldRunAreTextAndTheChainStillVerifies() throws Exception {
    AuditExport export = export(HOSTILE);

    byte[] csv = AuditExports.csv(export);

    List<Map<String, String>> rows = rows(csv);
    assertThat(rows).hasSize(HOSTILE.size());
    for (Map<String, String> row : rows) {
      assertThat(row.values()).allSatisfy(cell -> assertThat(cell).doesNotStartWith("=").doesNotStartWith("+")
          .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r"));
    }
    assertThat(rows).extracting(row -> row.get("actor")).containsExactlyElementsOf(
        HOSTILE.stream().map(value -> "'" + value).toList());
    assertThat(rows).extracting(row -> row.get("summary")).containsOnly("'-1 follower");
    assertThat(ExportVerifier.verify(csv)).isEqualTo(new ExportVerifier.Result(true, HOSTILE.size(), export.head(), null));
    assertThat(ExportVerifier.verify(AuditExports.json(export)).head()).isEqualTo(export.head());
  }

  @Test
  void aCellChangedInTheSpreadsheetStillBreaksTheChain() {
    byte[] csv = AuditExports.csv(export(List.of("@kunde", "@presse")));

    String changed = new String(csv, StandardCharsets.UTF_8).replace("'@presse", "'@kunde");

    assertThat(ExportVerifier.verify(changed.getBytes(StandardCharsets.UTF_8)).problem())
        .isEqualTo("entry 2 was changed: its content does not give its hash");
  }

  @Test
  void aFileThatReadsDifferentlyThanItHashesIsNoValidExport() {
    AuditExport export = export(List.of("=HYPERLINK(\"https://evil.example\")", "@presse"));
    String csv = new String(AuditExports.csv(export), StandardCharsets.UTF_8);
    String json = new String(AuditExports.json(export), StandardCharsets.UTF_8);

    var quoteRemoved = verify(csv.replace("'=HYPERLINK", "=HYPERLINK"));
    var extraColumn = verify(csv.replaceFirst("format", "format,note").replace(AuditExport.FORMAT + "\n",
        AuditExport.FORMAT + ",approved by the CEO\n"));
    var duplicateKey = verify(json.replaceFirst("\"summary\"", "\"summary\" : \"forged\", \"summary\""));
    var extraField = verify(json.replaceFirst("\"summary\"", "\"note\" : \"approved by the CEO\", \"summary\""));
    var notAnExport = verify("hello world");
    var problemBody = verify("{\"status\": 503, \"detail\": \"busy\"}");

    assertThat(List.of(quoteRemoved, extraColumn, duplicateKey, extraField, notAnExport, problemBody))
        .allSatisfy(result -> assertThat(result.valid()).isFalse());
    assertThat(quoteRemoved.problem()).contains("the cell actor", "formula");
    assertThat(extraColumn.problem()).contains("not a Chefsache export");
    assertThat(duplicateKey.problem()).contains("summary");
    assertThat(extraField.problem()).contains("entry 1 has other fields");
    assertThat(notAnExport.problem()).contains("not a Chefsache export");
    assertThat(verify(csv).valid()).as("the file as written").isTrue();
    assertThat(verify(json).valid()).isTrue();
  }

  private static ExportVerifier.Result verify(String export) {
    return ExportVerifier.verify(export.getBytes(StandardCharsets.UTF_8));
  }

  private static AuditExport export(List<String> actors) {
    List<AuditExport.Entry> entries = new ArrayList<>();
    String previous = HashChain.GENESIS;
    long seq = 0;
    for (String actor : actors) {
      seq++;
      var unchained = new AuditExport.Entry(seq, "facebook:-thread", "2026-03-12T08:00:00Z", "MENTION", actor,
          "-1 follower", Map.of("text", "=1+1"), null, null);
      String hash = HashChain.next(previous, unchained.content());
      entries.add(new AuditExport.Entry(seq, unchained.incidentKey(), unchained.at(), unchained.type(), actor,
          unchained.summary(), unchained.details(), previous, hash));
      previous = hash;
    }
    return new AuditExport(AuditExport.FORMAT, "export-1", "test", Instant.parse("2026-03-12T09:00:00Z"), "ines",
        AuditExport.ALGORITHM, entries, previous);
  }

  private static List<Map<String, String>> rows(byte[] csv) throws Exception {
    try (var lines = new CsvMapper().readerFor(new TypeReference<Map<String, String>>() { })
        .with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(csv)) {
      return lines.readAll();
    }
  }
}
