package io.chefsache.notify;

import java.net.URI;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

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

  /** The incident's record on the audit pages (management and auditors may open it). */
  public URI incident(String incidentKey) {
    return UriComponentsBuilder.fromUri(publicUrl).path("/audit/incident").queryParam("key", "{key}")
        .encode().buildAndExpand(incidentKey).toUri();
  }
}
