package io.chefsache.intake;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Standard Webhooks 1.0: HMAC-SHA256 over {@code id.timestamp.body} with any configured secret (so a
 * secret can be rotated), constant-time comparison, five minutes tolerance. Uses the standard's
 * reference implementation.
 */
@Component
class WebhookVerifier {

  private final List<Webhook> secrets;

  WebhookVerifier(IntakeProperties properties) {
    this.secrets = properties.webhookSecrets().stream().map(Webhook::new).toList();
  }

  /**
   * Throws {@link InvalidSignatureException} unless one secret signed exactly this body (its UTF-8
   * bytes) recently.
   */
  void verify(String payload, String id, String timestamp, String signature) {
    if (id == null || timestamp == null || signature == null) {
      throw new InvalidSignatureException("webhook-id, webhook-timestamp and webhook-signature headers are required");
    }
    Map<String, List<String>> headers = Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(timestamp),
        "webhook-signature", List.of(signature));
    String reason = "no signature matches";
    for (Webhook secret : secrets) {
      try {
        secret.verify(payload, headers);
        return;
      } catch (WebhookVerificationException e) {
        reason = e.getMessage();
      }
    }
    throw new InvalidSignatureException(reason);
  }

  static class InvalidSignatureException extends RuntimeException {
    InvalidSignatureException(String message) {
      super(message);
    }
  }
}
