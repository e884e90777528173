package io.chefsache.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The hash chain over an export's entries: {@code hash(n) = SHA-256(hash(n-1) + "\n" + canonical(n))}
 * in lower-case hex, starting from 64 zeros, where {@code canonical(n)} is the entry without its two
 * hashes in the JSON Canonicalization Scheme (RFC 8785, UTF-8), which any language's JCS library
 * reproduces. Exports of format {@link AuditExport#FORMAT_1} (until 3 December 2026) used Jackson's
 * keys-sorted form instead and still verify with it. A change to any entry breaks its hash and every
 * later link; the last hash (the head) is kept by Chefsache for every export.
 */
public final class HashChain {

  public static final String GENESIS = "0".repeat(64);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper SORTED = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .build();

  private HashChain() {
  }

  /** An entry (or a part of one) in the canonical form of the current format. */
  public static String canonical(Map<String, Object> entry) {
    return canonical(entry, AuditExport.FORMAT);
  }

  /** An entry in the canonical form of an export format. */
  public static String canonical(Map<String, Object> entry, String format) {
    try {
      if (AuditExport.FORMAT_1.equals(format)) {
        return SORTED.writeValueAsString(entry);
      }
      return new JsonCanonicalizer(JSON.writeValueAsString(entry)).getEncodedString();
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  public static String next(String previousHash, Map<String, Object> entry) {
    return next(previousHash, entry, AuditExport.FORMAT);
  }

  public static String next(String previousHash, Map<String, Object> entry, String format) {
    return sha256(previousHash + "\n" + canonical(entry, format));
  }

  public static String sha256(String text) {
    return DigestUtils.sha256Hex(text);
  }
}
