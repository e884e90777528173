package io.chefsache.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An export of one incident or a period: its entries in order, each chained to the one before.
 *
 * @param head the hash of the last entry ({@link HashChain#GENESIS} if there is none), also kept by
 *     Chefsache in {@code audit_export} so a changed copy can be told from the original
 */
public record AuditExport(String format, String exportId, String scope, Instant exportedAt, String exportedBy,
    String algorithm, List<Entry> entries, String head) {

  /** The current format: entries canonicalized by RFC 8785 (JCS) for their hashes. */
  public static final String FORMAT = "chefsache-audit-export/2";
  /** Exports made until 3 December 2026: Jackson's keys-sorted JSON for the hashes. */
  public static final String FORMAT_1 = "chefsache-audit-export/1";
  public static final String ALGORITHM = "hash = sha256hex(previousHash + \"\\n\" + canonicalJson(entry without "
      + "previousHash and hash)); canonical JSON: RFC 8785 (JSON Canonicalization Scheme), UTF-8; the first "
      + "previousHash is 64 zeros";

  /** One chained entry: a timeline entry of an incident. */
  public record Entry(long seq, String incidentKey, String at, String type, String actor, String summary,
      Map<String, Object> details, String previousHash, String hash) {

    /** What the hash covers. */
    public Map<String, Object> content() {
      Map<String, Object> content = new LinkedHashMap<>();
      content.put("seq", seq);
      content.put("incidentKey", incidentKey);
      content.put("at", at);
      content.put("type", type);
      content.put("actor", actor);
      content.put("summary", summary);
      content.put("details", details);
      return content;
    }
  }
}
