package io.chefsache.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hash chain can be checked by anyone with a JSON Canonicalization Scheme (RFC 8785) library,
 * and exports made in the earlier format still verify.
 */
class HashChainTest {

  @Test
  void entriesAreCanonicalizedAsRfc8785SaysSoOtherToolsComputeTheSameHashes() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("zeit", "09:00");
    details.put("text", "Grüße \u000f \"zitiert\"");
    details.put("followers", 1200);
    details.put("share", 0.5);
    details.put("topics", List.of("b", "a"));

    assertThat(HashChain.canonical(Map.of("details", details, "actor", "mia")))
        .isEqualTo("{\"actor\":\"mia\",\"details\":{\"followers\":1200,\"share\":0.5,"
            + "\"text\":\"Grüße \\u000f \\\"zitiert\\\"\",\"topics\":[\"b\",\"a\"],\"zeit\":\"09:00\"}}");
  }

  @Test
  void anExportOfTheEarlierFormatStillVerifiesAndOneThatClaimsTheOtherFormatDoesNot() {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("seq", 1);
    content.put("incidentKey", "facebook:t-1");
    content.put("at", "2026-03-12T08:00:00Z");
    content.put("type", "MENTION");
    content.put("actor", "@kunde");
    content.put("summary", "erste Erwähnung: Gabel \u000f gebrochen");
    content.put("details", Map.of());
    String hash = HashChain.next(HashChain.GENESIS, content, AuditExport.FORMAT_1);
    String earlier = """
        {"format":"%s","entries":[{"seq":1,"incidentKey":"facebook:t-1","at":"2026-03-12T08:00:00Z","type":"MENTION",
        "actor":"@kunde","summary":"erste Erwähnung: Gabel \\u000F gebrochen","details":{},"previousHash":"%s","hash":"%s"}],
        "head":"%s"}""";

    var formatOne = ExportVerifier.verify(earlier.formatted(AuditExport.FORMAT_1, HashChain.GENESIS, hash, hash)
        .getBytes(StandardCharsets.UTF_8));
    var claimsFormatTwo = ExportVerifier.verify(earlier.formatted(AuditExport.FORMAT, HashChain.GENESIS, hash, hash)
        .getBytes(StandardCharsets.UTF_8));

    assertThat(formatOne.valid()).isTrue();
    assertThat(claimsFormatTwo.valid()).isFalse();
    assertThat(claimsFormatTwo.problem()).contains("entry 1 was changed");
  }
}
