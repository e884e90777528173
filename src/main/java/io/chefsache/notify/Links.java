package io.chefsache.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/** Addresses people open from a notification, built on {@code chefsache.outbound.public-url}. */
@Component
public class Links {

  private final URI publicUrl;

  Links(OutboundProperties properties) {
    this.publicUrl = properties.publicUrl();
  }

  /** The task in Camunda Tasklist. */
  public URI task(String taskId) {
    return UriComponentsBuilder.fromUri(publicUrl).path("/camunda/app/tasklist/default/")
        .fragment("/?task=" + taskId).build().toUri();
  }

  /** Camunda Tasklist, where the group's filter lists its work. */
  public URI tasklist() {
    return UriComponentsBuilder.fromUri(publicUrl).path("/camunda/app/tasklist/default/").build().toUri();
  }

  /**
   * The incident for people and integrators. Every character of the key that is not plainly safe is
   * percent-encoded ({@code ;} too, which would start a path parameter), except the colon after the
   * platform and the slashes of a thread id: the web server refuses an encoded slash, and the API
   * takes the rest of the path as the key.
   */
  public URI incident(String incidentKey) {
    String path = UriUtils.encode(incidentKey, StandardCharsets.UTF_8).replace("%3A", ":").replace("%2F", "/");
    return UriComponentsBuilder.fromUri(publicUrl).path("/api/incidents/").path(path).build(true).toUri();
  }
}
