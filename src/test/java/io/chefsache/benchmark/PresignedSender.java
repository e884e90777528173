package io.chefsache.benchmark;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;

/**
 * The benchmark's webhook sender. Real senders are other machines; here the sender shares the
 * application's two cores, so it signs every mention before the clock starts and sends over kept-alive
 * connections with Apache HttpClient's blocking client (which Camunda Connect brings anyway). The
 * JDK's {@code HttpClient} spends about as much CPU per request as the intake itself.
 */
final class PresignedSender implements AutoCloseable {

  record Signed(String webhookId, String timestamp, String signature, byte[] body) {
  }

  private final String endpoint;
  private final Webhook signer;
  private final CloseableHttpClient http;

  PresignedSender(URI baseUri, String secret, int connections) {
    this.endpoint = baseUri.resolve("/api/mentions").toString();
    this.signer = new Webhook(secret);
    PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
    pool.setMaxTotal(connections);
    pool.setDefaultMaxPerRoute(connections);
    this.http = HttpClients.custom().setConnectionManager(pool).build();
  }

  List<Signed> sign(List<String> mentions) {
    long now = Instant.now().getEpochSecond();
    return mentions.stream().map(json -> {
      String id = "msg_" + UUID.randomUUID();
      try {
        return new Signed(id, Long.toString(now), signer.sign(id, now, json), json.getBytes(StandardCharsets.UTF_8));
      } catch (WebhookSigningException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** Delivers one signed mention and returns the HTTP status. */
  int send(Signed mention) throws IOException {
    HttpPost post = new HttpPost(endpoint);
    post.setHeader("webhook-id", mention.webhookId());
    post.setHeader("webhook-timestamp", mention.timestamp());
    post.setHeader("webhook-signature", mention.signature());
    post.setEntity(new ByteArrayEntity(mention.body(), ContentType.APPLICATION_JSON));
    try (CloseableHttpResponse response = http.execute(post)) {
      EntityUtils.consume(response.getEntity());
      return response.getStatusLine().getStatusCode();
    }
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
