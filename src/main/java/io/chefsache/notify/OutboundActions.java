package io.chefsache.notify;

import io.chefsache.config.Texts;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Everything an incident does in public or says to people: replies published on the platform the
 * mention came from, mentions hidden, groups notified in their chat. Each call goes out through
 * {@link HttpDelivery} and is written to {@code outbound_action} with the platform's answer in the
 * transaction of the process step that made it. A failure that may heal throws and rolls the step
 * back, so its job retries and nothing is recorded twice; a refusal for good is recorded and thrown
 * as {@link ActionRejectedException} for the model to route.
 */
@Service
public class OutboundActions {

  private static final Logger LOG = LoggerFactory.getLogger(OutboundActions.class);
  /** The company's gateway: the platform entry that receives JSON actions for every other platform. */
  private static final String GATEWAY = "default";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final OutboundProperties properties;
  private final HttpDelivery http;
  private final Texts texts;

  OutboundActions(JdbcTemplate jdbc, Clock clock, OutboundProperties properties, HttpDelivery http, Texts texts) {
    this.texts = texts;
    this.jdbc = jdbc;
    this.clock = clock;
    this.properties = properties;
    this.http = http;
  }

  /**
   * Publishes a reply (or statement) in the incident's thread.
   *
   * @param idempotencyKey the same for every retry of one publication, so the platform posts it once
   * @return the platform's id of the published reply
   */
  public String publishReply(String incidentKey, String platform, String inReplyTo, String text,
      String idempotencyKey) {
    var action = new Pending(incidentKey, OutboundAction.Kind.REPLY, platform, null, inReplyTo, text, idempotencyKey);
    if (text == null || text.isBlank()) {
      throw reject(action, new ActionRejectedException("Nothing to publish: the reply text is empty"));
    }
    OutboundProperties.Platform endpoint = endpoint(platform);
    URI url;
    Map<String, Object> payload;
    if (endpoint.type() == OutboundProperties.Type.MASTODON) {
      url = URI.create(endpoint.url().toString().replaceAll("/+$", "") + "/api/v1/statuses");
      payload = new HashMap<>();
      payload.put("status", text);
      payload.put("in_reply_to_id", inReplyTo);
      payload.put("visibility", "public");
    } else {
      url = endpoint.url();
      payload = gatewayPayload("reply", incidentKey, platform, inReplyTo);
      payload.put("text", text);
    }
    return send(action, url, headers(endpoint, idempotencyKey), payload);
  }

  /** Hides a mention (spam) on its platform; Mastodon has no such call, which the crew is told. */
  public void hideMention(String incidentKey, String platform, String mentionId, String idempotencyKey) {
    var action = new Pending(incidentKey, OutboundAction.Kind.HIDE, platform, null, mentionId, null, idempotencyKey);
    OutboundProperties.Platform endpoint = endpoint(platform);
    if (endpoint.type() == OutboundProperties.Type.MASTODON) {
      throw reject(action, new ActionRejectedException(texts.get("outbound.mastodonCannotHide")));
    }
    send(action, endpoint.url(), headers(endpoint, idempotencyKey),
        gatewayPayload("hide", incidentKey, platform, mentionId));
  }

  /**
   * Asks the company's gateway (platform {@code default}) to pause or resume its scheduled posts, as
   * social-media suites do in a crisis: nothing cheerful goes out while the company is under fire.
   *
   * @param scope the situation (or incident) the freeze is for; its actions are recorded under it
   * @param pause true to pause, false to resume
   */
  public void freezeScheduledPosts(String scope, boolean pause, String idempotencyKey) {
    String event = pause ? "pause" : "resume";
    var action = new Pending(scope, OutboundAction.Kind.FREEZE, GATEWAY, event, null, null, idempotencyKey);
    OutboundProperties.Platform endpoint = endpoint(GATEWAY);
    Map<String, Object> payload = new HashMap<>();
    payload.put("action", pause ? "pause-scheduled-posts" : "resume-scheduled-posts");
    payload.put("situationKey", scope);
    send(action, endpoint.url(), headers(endpoint, idempotencyKey), payload);
  }

  /**
   * Posts a message to the group's chat webhook. A group without a webhook is recorded as skipped:
   * the company chose not to alert it by chat, which must not stop the crisis plan.
   */
  public void notifyGroup(String incidentKey, String group, String event, String text) {
    var action = new Pending(incidentKey, OutboundAction.Kind.NOTIFY, group, event, null, text, null);
    properties.chatWebhook(group).ifPresentOrElse(
        url -> send(action, url, Map.of(), Map.of("text", text)),
        () -> {
          LOG.warn("No chat webhook for group {} (chefsache.outbound.chat.{}): {} not sent", group, group, event);
          record(action, OutboundAction.Status.SKIPPED, null, null, "no chat webhook configured for " + group);
        });
  }

  /** The incident's outbound actions, oldest first. */
  public List<OutboundAction> actionsOf(String incidentKey) {
    return jdbc.query("""
        select id, incident_key, kind, target, event, in_reply_to, body, status, http_status, platform_ref, answer,
               idempotency_key, created_at
        from outbound_action where incident_key = ? order by created_at, id""",
        (rs, row) -> new OutboundAction(rs.getString("id"), rs.getString("incident_key"),
            OutboundAction.Kind.valueOf(rs.getString("kind")), rs.getString("target"), rs.getString("event"),
            rs.getString("in_reply_to"), rs.getString("body"), OutboundAction.Status.valueOf(rs.getString("status")),
            (Integer) rs.getObject("http_status"), rs.getString("platform_ref"), rs.getString("answer"),
            rs.getString("idempotency_key"), rs.getTimestamp("created_at").toInstant()),
        incidentKey);
  }

  private OutboundProperties.Platform endpoint(String platform) {
    return properties.platform(platform).orElseThrow(() -> new DeliveryFailedException(
        "No endpoint for platform %s: set chefsache.outbound.platforms.%s (or .default) url and token"
            .formatted(platform, platform)));
  }

  private static Map<String, String> headers(OutboundProperties.Platform endpoint, String idempotencyKey) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Idempotency-Key", idempotencyKey);
    if (endpoint.token() != null && !endpoint.token().isBlank()) {
      headers.put("Authorization", "Bearer " + endpoint.token());
    }
    return headers;
  }

  private static Map<String, Object> gatewayPayload(String action, String incidentKey, String platform,
      String mentionId) {
    Map<String, Object> payload = new HashMap<>();
    payload.put("action", action);
    payload.put("incidentKey", incidentKey);
    payload.put("platform", platform);
    payload.put("inReplyTo", mentionId);
    return payload;
  }

  private String send(Pending action, URI url, Map<String, String> headers, Object payload) {
    HttpDelivery.Answer answer;
    try {
      answer = http.post(url, headers, payload);
    } catch (ActionRejectedException rejected) {
      throw reject(action, rejected);
    }
    String platformRef = http.field(answer, "id");
    record(action, OutboundAction.Status.SENT, answer.status(), platformRef, answer.excerpt());
    return platformRef;
  }

  private ActionRejectedException reject(Pending action, ActionRejectedException rejected) {
    record(action, OutboundAction.Status.REJECTED, rejected.httpStatus(), null, rejected.getMessage());
    return rejected;
  }

  private void record(Pending action, OutboundAction.Status status, Integer httpStatus, String platformRef,
      String answer) {
    jdbc.update("""
        insert into outbound_action (id, incident_key, kind, target, event, in_reply_to, body, status, http_status,
                                     platform_ref, answer, idempotency_key, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        UUID.randomUUID().toString(), action.incidentKey(), action.kind().name(), action.target(), action.event(),
        action.inReplyTo(), action.body(), status.name(), httpStatus, platformRef, HttpDelivery.excerpt(answer),
        action.idempotencyKey(), Timestamp.from(clock.instant()));
  }

  private record Pending(String incidentKey, OutboundAction.Kind kind, String target, String event, String inReplyTo,
      String body, String idempotencyKey) {
  }
}
