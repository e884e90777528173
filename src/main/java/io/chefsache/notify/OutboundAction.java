package io.chefsache.notify;

import java.time.Instant;

/**
 * One thing Chefsache did in public or said to people on behalf of an incident: a reply published
 * on a platform, a mention hidden, a group notified, the company's scheduled posts paused or resumed.
 *
 * @param kind what it is
 * @param target the platform (reply, hide) or the group (notification)
 * @param event for notifications, why (e.g. {@code level-2}, {@code decision-overdue})
 * @param inReplyTo the platform's id of the mention replied to or hidden
 * @param body the text published or sent
 * @param status sent, rejected by the platform for good, or skipped (no chat webhook for the group)
 * @param httpStatus the platform's HTTP status
 * @param platformRef the platform's id of what was published
 * @param answer the platform's answer (an excerpt) or the reason for the status
 * @param idempotencyKey the key every attempt of this action carried
 */
public record OutboundAction(String id, String incidentKey, Kind kind, String target, String event,
    String inReplyTo, String body, Status status, Integer httpStatus, String platformRef, String answer,
    String idempotencyKey, Instant createdAt) {

  public enum Kind { REPLY, HIDE, NOTIFY, FREEZE }

  public enum Status { SENT, REJECTED, SKIPPED }
}
