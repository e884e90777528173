package io.chefsache.notify;

import java.time.Instant;

/**
 * One thing Chefsache does in public or says to people on behalf of an incident: a reply published
 * on a platform, a mention hidden, a group notified.
 *
 * @param kind what it is
 * @param target the platform (reply, hide) or the group (notification)
 * @param event for notifications, why (e.g. {@code level-2}, {@code decision-overdue})
 * @param inReplyTo the platform's id of the mention replied to or hidden
 * @param body the text published or sent
 */
public record OutboundAction(String id, String incidentKey, Kind kind, String target, String event,
    String inReplyTo, String body, Instant createdAt) {

  public enum Kind { REPLY, HIDE, NOTIFY }
}
