package io.chefsache.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The hash chain over an export's entries: {@code hash(n) = SHA-256(hash(n-1) + "\n" + canonical(n))}
 * in lower-case hex, starting from 64 zeros, where {@code canonical(n)} is the entry without its two
 * hashes as JSON with keys sorted and no white space (UTF-8). A change to any entry breaks its hash
 * and every later link; the last hash (the head) is kept by Chefsache for every export.
 */
public final class HashChain {

  public static final String GENESIS = "0".repeat(64);

  static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .build();

  private HashChain() {
  }

  public static String canonical(Map<String, Object> entry) {
    try {
      return CANONICAL.writeValueAsString(entry);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  public static String next(String previousHash, Map<String, Object> entry) {
    return sha256(previousHash + "\n" + canonical(entry));
  }

  public static String sha256(String text) {
    return DigestUtils.sha256Hex(text);
  }
}
