package io.chefsache.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chefsache.replay.ReplayCommand;
import io.chefsache.replay.SignedMentionSender;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Builds mention bodies for tests: valid by default, each field changeable. */
public final class MentionJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong IDS = new AtomicLong(System.nanoTime());

  private final ObjectNode node = JSON.createObjectNode();

  private MentionJson() {
  }

  /** A sender signing with the demo profile's secret, for the application on {@code port}. */
  public static SignedMentionSender demoSender(int port) {
    return new SignedMentionSender(URI.create("http://localhost:" + port), ReplayCommand.DEMO_SECRET);
  }

  public static MentionJson mention(String thread) {
    MentionJson m = new MentionJson();
    m.node.put("platform", "facebook");
    m.node.put("externalId", "fb-" + IDS.incrementAndGet());
    m.node.put("threadId", thread);
    m.node.putObject("author").put("handle", "@kunde").put("followers", 1200).put("verified", false);
    m.node.put("text", "Wann kommt meine Bestellung?");
    m.node.put("url", "https://facebook.example/" + thread);
    m.node.put("createdAt", "2026-03-12T08:00:00.000Z");
    m.node.put("sentiment", -0.2);
    m.node.putArray("topics").add("customer-service");
    return m;
  }

  public static String uniqueThread(String name) {
    return name + "-" + IDS.incrementAndGet();
  }

  public MentionJson with(String field, Object value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.set(field, JSON.valueToTree(value));
    }
    return this;
  }

  public MentionJson without(String field) {
    node.remove(field);
    return this;
  }

  public MentionJson negative() {
    return with("sentiment", -0.8).with("topics", List.of("customer-service"));
  }

  public String externalId() {
    return node.get("externalId").asText();
  }

  public String json() {
    return node.toString();
  }
}
