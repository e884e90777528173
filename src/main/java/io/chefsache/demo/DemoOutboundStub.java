package io.chefsache.demo;

import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for Mastodon, the company's gateway to the other platforms and the chat webhooks, so
 * the demo publishes and notifies offline: every call is answered like the real service would and
 * written to the log. The demo profile points {@code chefsache.outbound} here.
 */
@Profile("demo")
@RestController
class DemoOutboundStub {

  private static final Logger LOG = LoggerFactory.getLogger(DemoOutboundStub.class);

  @PostMapping("/demo-stub/mastodon/api/v1/statuses")
  Map<String, String> mastodonStatus(@RequestBody Map<String, Object> status,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    String id = UUID.randomUUID().toString();
    LOG.info("[demo stub] Mastodon reply {} to {} (Idempotency-Key {}): {}", id, status.get("in_reply_to_id"),
        idempotencyKey, status.get("status"));
    return Map.of("id", id, "url", "https://mastodon.example/@company/" + id);
  }

  @PostMapping("/demo-stub/gateway")
  Map<String, String> gateway(@RequestBody Map<String, Object> action) {
    String id = UUID.randomUUID().toString();
    LOG.info("[demo stub] gateway {}", action);
    return Map.of("id", id);
  }

  @PostMapping("/demo-stub/chat/{group}")
  String chat(@PathVariable String group, @RequestBody Map<String, Object> message) {
    LOG.info("[demo stub] chat to {}: {}", group, message.get("text"));
    return "ok";
  }
}
