package io.chefsache.replay;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Delivers mentions to a Chefsache intake the way a webhook sender does: JSON body, Standard
 * Webhooks headers, signed with the shared secret. Thread-safe; used by the replay command.
 */
public class SignedMentionSender {

  /** The intake's answer: HTTP status and body. */
  public record Response(int status, String body) {
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;
  private final Webhook signer;

  public SignedMentionSender(URI baseUri, String secret) {
    this.endpoint = baseUri.resolve("/api/mentions");
    this.signer = new Webhook(secret);
  }

  /** Sends one mention under a fresh webhook id. */
  public Response send(String json) throws IOException, InterruptedException {
    return send(json, "msg_" + UUID.randomUUID(), Instant.now());
  }

  public Response send(String json, String webhookId, Instant timestamp) throws IOException, InterruptedException {
    String signature;
    try {
      signature = signer.sign(webhookId, timestamp.getEpochSecond(), json);
    } catch (WebhookSigningException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("webhook-id", webhookId)
        .header("webhook-timestamp", String.valueOf(timestamp.getEpochSecond()))
        .header("webhook-signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }
}
