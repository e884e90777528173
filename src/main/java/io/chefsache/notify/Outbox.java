package io.chefsache.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Every outbound action of an incident, written in the same transaction as the process step that
 * takes it: if the step rolls back (and its job retries), the action was never recorded, so a retry
 * cannot record it twice. Delivery to the platforms and chat webhooks reads from here.
 */
@Service
public class Outbox {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  Outbox(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Publishes a reply (or statement) in the incident's thread; returns Chefsache's id of the reply. */
  public String publishReply(String incidentKey, String platform, String inReplyTo, String text) {
    if (text == null || text.isBlank()) {
      throw new ActionRejectedException("Nothing to publish: the reply text is empty");
    }
    return record(incidentKey, OutboundAction.Kind.REPLY, platform, null, inReplyTo, text);
  }

  /** Hides a mention (spam) on its platform. */
  public String hideMention(String incidentKey, String platform, String mentionId) {
    return record(incidentKey, OutboundAction.Kind.HIDE, platform, null, mentionId, null);
  }

  /** Tells a group about an incident (level reached, reminder, missed deadline). */
  public String notifyGroup(String incidentKey, String group, String event, String text) {
    return record(incidentKey, OutboundAction.Kind.NOTIFY, group, event, null, text);
  }

  /** The incident's outbound actions, oldest first. */
  public List<OutboundAction> actionsOf(String incidentKey) {
    return jdbc.query("""
        select id, incident_key, kind, target, event, in_reply_to, body, created_at
        from outbound_action where incident_key = ? order by created_at, id""",
        (rs, row) -> new OutboundAction(rs.getString("id"), rs.getString("incident_key"),
            OutboundAction.Kind.valueOf(rs.getString("kind")), rs.getString("target"), rs.getString("event"),
            rs.getString("in_reply_to"), rs.getString("body"), rs.getTimestamp("created_at").toInstant()),
        incidentKey);
  }

  private String record(String incidentKey, OutboundAction.Kind kind, String target, String event,
      String inReplyTo, String body) {
    String id = UUID.randomUUID().toString();
    jdbc.update("""
        insert into outbound_action (id, incident_key, kind, target, event, in_reply_to, body, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?)""",
        id, incidentKey, kind.name(), target, event, inReplyTo, body, Timestamp.from(clock.instant()));
    return id;
  }
}
