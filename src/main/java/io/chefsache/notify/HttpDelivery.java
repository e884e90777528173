package io.chefsache.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.camunda.connect.ConnectorException;
import org.camunda.connect.Connectors;
import org.camunda.connect.httpclient.HttpConnector;
import org.camunda.connect.httpclient.HttpRequest;
import org.camunda.connect.httpclient.HttpResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * POSTs JSON through Camunda Connect's {@code http-connector} with explicit timeouts and sorts the
 * answer: 2xx is done, a failure that may heal (no connection, timeout, 408, 425, 429, 5xx) is a
 * {@link DeliveryFailedException} for the engine to retry, any other 4xx is a refusal for good
 * ({@link ActionRejectedException}) with the platform's own message.
 */
@Component
class HttpDelivery {

  private static final int EXCERPT = 500;

  /** Time a job needs besides the call: its transaction before and after. */
  private static final Duration JOB_MARGIN = Duration.ofSeconds(2);

  private final OutboundProperties properties;
  private final ObjectMapper json;

  /**
   * Refuses to start if a call could outlast the job executor's lock: another node would then take
   * the job over while it still runs and publish a reply twice.
   */
  HttpDelivery(OutboundProperties properties, ObjectMapper json,
      @Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") long jobLockMillis) {
    this.properties = properties;
    this.json = json;
    Duration longestCall = properties.connectTimeout().multipliedBy(2).plus(properties.responseTimeout());
    Duration jobLock = Duration.ofMillis(jobLockMillis);
    if (longestCall.plus(JOB_MARGIN).compareTo(jobLock) > 0) {
      throw new IllegalStateException(("An outbound call may take %s (twice chefsache.outbound.connect-timeout "
          + "plus response-timeout), longer than the job lock of %s less %s "
          + "(camunda.bpm.job-execution.lock-time-in-millis): shorten the timeouts or lengthen the lock")
          .formatted(longestCall, jobLock, JOB_MARGIN));
    }
  }

  /** The answer of a successful call. */
  record Answer(int status, String body) {

    /** The excerpt kept for the record. */
    String excerpt() {
      return HttpDelivery.excerpt(body);
    }
  }

  Answer post(URI url, Map<String, String> headers, Object payload) {
    HttpConnector http = Connectors.getConnector(HttpConnector.ID);
    HttpRequest request = http.createRequest().post().url(url.toString()).contentType("application/json")
        .payload(write(payload))
        .configOption("connection-timeout", (int) properties.connectTimeout().toMillis())
        .configOption("connection-request-timeout", (int) properties.connectTimeout().toMillis())
        .configOption("socket-timeout", (int) properties.responseTimeout().toMillis());
    headers.forEach(request::header);
    int status;
    String body;
    try {
      HttpResponse response = request.execute();
      try {
        status = response.getStatusCode();
        body = response.getResponse();
      } finally {
        response.close();
      }
    } catch (ConnectorException failed) {
      throw new DeliveryFailedException("No answer from %s within %s: %s".formatted(hostOf(url),
          properties.responseTimeout(), rootMessage(failed)), failed);
    }
    if (status >= 200 && status < 300) {
      return new Answer(status, body);
    }
    if (status >= 500 || status == 408 || status == 425 || status == 429) {
      throw new DeliveryFailedException("HTTP %d from %s: %s".formatted(status, hostOf(url), excerpt(body)));
    }
    throw new ActionRejectedException(refusal(status, body), status);
  }

  /** A field of a JSON answer, or {@code null}. */
  String field(Answer answer, String name) {
    JsonNode value = tree(answer.body()).get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  private String refusal(int status, String body) {
    JsonNode tree = tree(body);
    for (String name : new String[] {"error", "message", "detail", "title"}) {
      if (tree.hasNonNull(name) && !tree.get(name).asText().isBlank()) {
        return tree.get(name).asText();
      }
    }
    return "HTTP %d: %s".formatted(status, excerpt(body));
  }

  private JsonNode tree(String body) {
    try {
      return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
    } catch (JsonProcessingException notJson) {
      return json.createObjectNode();
    }
  }

  private String write(Object payload) {
    try {
      return json.writeValueAsString(payload);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static String hostOf(URI url) {
    return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
  }

  static String excerpt(String body) {
    if (body == null) {
      return "";
    }
    return body.length() <= EXCERPT ? body : body.substring(0, EXCERPT) + "…";
  }
}
