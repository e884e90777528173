package io.chefsache.intake;

import io.chefsache.escalation.IncidentFigures;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The intake's tables: incidents (one per thread) and their mentions. */
@Repository
class MentionStore {

  record StoredMention(String id, String incidentKey) {
  }

  /** An incident row with its process's current level (null while the first triage runs). */
  record Incident(String key, String platform, String threadId, String processInstanceId, Integer level) {
  }

  record Mention(String id, String webhookId, String platform, String externalId, String incidentKey,
      MentionRequest.Author author, String text, String url, Instant createdAt, Instant receivedAt, Double sentiment,
      List<String> topics, String payloadSha256, String storyId) {
  }

  private final JdbcTemplate jdbc;

  MentionStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The mention already stored under this platform id or this webhook delivery, if any. */
  Optional<StoredMention> findDuplicate(String platform, String externalId, String webhookId) {
    return jdbc.query("select id, incident_key from mention where platform = ? and external_id = ?",
            (rs, row) -> new StoredMention(rs.getString(1), rs.getString(2)), platform, externalId)
        .stream().findFirst()
        .or(() -> jdbc.query("select id, incident_key from mention where webhook_id = ?",
            (rs, row) -> new StoredMention(rs.getString(1), rs.getString(2)), webhookId).stream().findFirst());
  }

  Optional<Incident> findIncident(String key) {
    return jdbc.query("""
        select i.incident_key, i.platform, i.thread_id, i.process_instance_id, l.level
        from incident i left join incident_level l on l.process_instance_id = i.process_instance_id
        where i.incident_key = ?""",
        (rs, row) -> new Incident(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, Integer.class)),
        key).stream().findFirst();
  }

  /**
   * Inserts the incident row with the process that handles it; a concurrent first mention of the
   * same thread on another node fails on the primary key (and its process start rolls back with it).
   */
  void insertIncident(String key, String platform, String threadId, String processInstanceId, long reportedCount,
      Instant now) {
    jdbc.update("""
        insert into incident (incident_key, platform, thread_id, process_instance_id, reported_count, opened_at)
        values (?, ?, ?, ?, ?, ?)""", key, platform, threadId, processInstanceId, reportedCount, Timestamp.from(now));
  }

  void attachProcess(String key, String processInstanceId) {
    jdbc.update("update incident set process_instance_id = ? where incident_key = ?", processInstanceId, key);
  }

  /** Inserts a mention; a second copy fails on the unique constraints. */
  void insertMention(Mention m) {
    jdbc.update("""
        insert into mention (id, webhook_id, platform, external_id, incident_key, author_handle, author_followers,
          author_verified, text, url, created_at, received_at, sentiment, topics, payload_sha256, story_id)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        ps -> {
          ps.setString(1, m.id());
          ps.setString(2, m.webhookId());
          ps.setString(3, m.platform());
          ps.setString(4, m.externalId());
          ps.setString(5, m.incidentKey());
          ps.setString(6, m.author() == null ? null : m.author().handle());
          ps.setObject(7, m.author() == null ? null : m.author().followers(), Types.BIGINT);
          ps.setObject(8, m.author() == null ? null : m.author().verified(), Types.BOOLEAN);
          ps.setString(9, m.text());
          ps.setString(10, m.url());
          ps.setTimestamp(11, Timestamp.from(m.createdAt()));
          ps.setTimestamp(12, Timestamp.from(m.receivedAt()));
          ps.setObject(13, m.sentiment(), Types.DOUBLE);
          ps.setString(14, String.join(",", m.topics()));
          ps.setString(15, m.payloadSha256());
          ps.setString(16, m.storyId());
        });
  }

  /** The figures of an incident whose only mention this is (no query needed). */
  static IncidentFigures figuresOfFirst(Mention mention) {
    boolean negative = mention.sentiment() != null && mention.sentiment() < 0;
    long reach = mention.author() == null || mention.author().followers() == null ? 0 : mention.author().followers();
    return new IncidentFigures(1, negative ? 1 : 0, reach, mention.sentiment(),
        mention.topics().stream().sorted().distinct().toList(), mention.topics().contains("press"));
  }

  /** The newest mention of an incident, to show when a closed incident opens again. */
  Mention latestMention(String incidentKey) {
    return jdbc.queryForObject("""
        select id, webhook_id, platform, external_id, incident_key, author_handle, author_followers, author_verified,
               text, url, created_at, received_at, sentiment, topics, payload_sha256, story_id
        from mention where incident_key = ? order by seq desc limit 1""",
        (rs, row) -> new Mention(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            new MentionRequest.Author(rs.getString(6), (Long) rs.getObject(7, Long.class),
                (Boolean) rs.getObject(8, Boolean.class)),
            rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(),
            (Double) rs.getObject(13, Double.class), List.of(rs.getString(14).split(",")), rs.getString(15),
            rs.getString(16)),
        incidentKey);
  }
}
