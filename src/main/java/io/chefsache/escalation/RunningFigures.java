package io.chefsache.escalation;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The figures of incidents and situations, kept incrementally: a report adds the mentions not yet
 * counted to their incident's counters and, if the thread belongs to a situation, to the situation's,
 * then marks them counted. So a report costs what its new mentions cost, whether the thread has 100
 * mentions or 100,000. Negative mentions are counted per minute; "negative in the last 60 minutes" is
 * the sum of the current minute and the 59 before it.
 *
 * Counting and reporting are separate transactions: counting is cheap and keeps the situations'
 * counters current; a report (a re-triage) is not, and the reporter may fall behind with it.
 *
 * <p>Several nodes stay exact through row locks the database holds until commit: counting an
 * incident starts by updating its row, so two reports of one incident take turns and the second finds
 * nothing left to count; a thread joining a situation takes the same lock before it adds its counters
 * to the situation's. Both then update the situation's row, which serializes the additions to a
 * situation. The lock order is always incident, then situation.
 */
@Repository
public class RunningFigures {

  static final int WINDOW_MINUTES = 60;

  /** An incident's (or a situation's) figures to report to its process. */
  public record Counted(String processInstanceId, IncidentFigures figures) {
  }

  /** A situation's figures to report, with how many threads it has and their platforms. */
  public record SituationReport(String processInstanceId, IncidentFigures figures, long threadCount,
      String platforms) {
  }

  private record Delta(long mentions, long highestReach, Double lowestSentiment, TreeSet<String> topics,
      Map<Timestamp, Long> negativePerMinute) {
  }

  private final JdbcTemplate jdbc;

  RunningFigures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Incidents with mentions not yet counted (the index on {@code counted} keeps this small). */
  public List<String> incidentsWithUncountedMentions() {
    return jdbc.queryForList("select distinct incident_key from mention where counted = false", String.class);
  }

  /**
   * Adds the incident's uncounted mentions to its counters (and its situation's). Call within a
   * transaction: the incident's row stays locked until it commits.
   *
   * @return how many of the incident's mentions its process has not been told about
   */
  public long count(String incidentKey) {
    if (!lockIncident(incidentKey)) {
      return 0;
    }
    Delta delta = uncounted(incidentKey);
    if (delta.mentions() > 0) {
      add("incident", "incident_key", incidentKey, delta);
      jdbc.queryForList("select situation_key from situation_thread where incident_key = ?", String.class,
          incidentKey).forEach(situationKey -> add("situation", "situation_key", situationKey, delta));
    }
    return jdbc.queryForObject("select mention_count - reported_count from incident where incident_key = ?",
        Long.class, incidentKey);
  }

  /**
   * Claims the incident's report when its counters are ahead of what its process was told: only the
   * node whose update changes the row reports it. Call within the transaction that sends the report.
   */
  public Optional<Counted> claimReport(String incidentKey, Instant now) {
    return claim("incident", "incident_key", incidentKey, now);
  }

  /**
   * Adds a thread's counters to the situation it joins (its later mentions are added when counted).
   * Locks the thread's incident row first, like {@link #count}, so no mention is added twice or lost.
   */
  void addThread(String situationKey, String incidentKey) {
    lockIncident(incidentKey);
    TreeMap<Timestamp, Long> minutes = new TreeMap<>();
    jdbc.query("select minute_start, negative from incident_minute where incident_key = ?",
        rs -> {
          minutes.put(rs.getTimestamp(1), rs.getLong(2));
        }, incidentKey);
    jdbc.query("select mention_count, highest_reach, lowest_sentiment, topics from incident where incident_key = ?",
        rs -> {
          add("situation", "situation_key", situationKey, new Delta(rs.getLong(1), rs.getLong(2),
              rs.getObject(3, Double.class), topicSet(rs.getString(4)), minutes));
        }, incidentKey);
  }

  /**
   * Claims the situation's report when its counters are ahead of what its process was told: only the
   * node whose update changes the row reports it. Call within the transaction that sends the report.
   */
  public Optional<SituationReport> claimSituationReport(String situationKey, Instant now) {
    return claim("situation", "situation_key", situationKey, now).map(claimed -> new SituationReport(
        claimed.processInstanceId(), claimed.figures(), threadCount(situationKey), platforms(situationKey)));
  }

  /** Locks the incident's row until the transaction ends; false if there is no such incident. */
  private boolean lockIncident(String incidentKey) {
    return jdbc.update("update incident set reported_count = reported_count where incident_key = ?",
        incidentKey) == 1;
  }

  /**
   * Marks an incident's or situation's counters as reported if they are ahead (the conditional update
   * decides which node reports) and returns them with the process to tell.
   */
  private Optional<Counted> claim(String table, String keyColumn, String key, Instant now) {
    if (jdbc.update("update " + table + " set reported_count = mention_count where " + keyColumn
        + " = ? and mention_count > reported_count and process_instance_id is not null", key) == 0) {
      return Optional.empty();
    }
    return jdbc.query("select process_instance_id, mention_count, highest_reach, lowest_sentiment, topics from "
            + table + " where " + keyColumn + " = ?",
        (rs, row) -> new Counted(rs.getString(1),
            figures(rs.getLong(2), negative60m(table, keyColumn, key, now), rs.getLong(3),
                rs.getObject(4, Double.class), rs.getString(5))),
        key).stream().findFirst();
  }

  /** Incidents whose counters are ahead of what their process was told (a report failed or a node stopped). */
  public List<String> incidentsWithUnreportedMentions() {
    return jdbc.queryForList("select incident_key from incident where mention_count > reported_count", String.class);
  }

  /** Situations whose counters are ahead of what their process was told. */
  public List<String> situationsWithUnreportedMentions() {
    return jdbc.queryForList("select situation_key from situation where mention_count > reported_count", String.class);
  }

  private Delta uncounted(String incidentKey) {
    List<Long> seqs = new ArrayList<>();
    long[] highestReach = {0};
    Double[] lowestSentiment = {null};
    TreeSet<String> topics = new TreeSet<>();
    TreeMap<Timestamp, Long> negativePerMinute = new TreeMap<>();
    jdbc.query("""
        select seq, sentiment, received_at, author_followers, topics from mention
        where counted = false and incident_key = ?""",
        rs -> {
          seqs.add(rs.getLong(1));
          Double sentiment = rs.getObject(2, Double.class);
          if (sentiment != null && sentiment < 0) {
            Timestamp minute = Timestamp.from(rs.getTimestamp(3).toInstant().truncatedTo(ChronoUnit.MINUTES));
            negativePerMinute.merge(minute, 1L, Long::sum);
          }
          if (sentiment != null && (lowestSentiment[0] == null || sentiment < lowestSentiment[0])) {
            lowestSentiment[0] = sentiment;
          }
          highestReach[0] = Math.max(highestReach[0], rs.getLong(4));
          topics.addAll(topicSet(rs.getString(5)));
        }, incidentKey);
    jdbc.batchUpdate("update mention set counted = true where seq = ?", seqs, 500,
        (ps, seq) -> ps.setLong(1, seq));
    return new Delta(seqs.size(), highestReach[0], lowestSentiment[0], topics, negativePerMinute);
  }

  /** Adds a delta to an incident's or situation's row (locked by the update) and its minutes. */
  private void add(String table, String keyColumn, String key, Delta delta) {
    jdbc.update("update " + table + " set mention_count = mention_count + ?, highest_reach = greatest(highest_reach, ?),"
        // least() of a null: null on H2, the other value on PostgreSQL; coalesce makes both the latter
        + " lowest_sentiment = coalesce(least(lowest_sentiment, cast(? as double precision)), lowest_sentiment,"
        + " cast(? as double precision)) where " + keyColumn + " = ?",
        delta.mentions(), delta.highestReach(), delta.lowestSentiment(), delta.lowestSentiment(), key);
    if (!delta.topics().isEmpty()) {
      String stored = jdbc.queryForObject("select topics from " + table + " where " + keyColumn + " = ?", String.class,
          key);
      TreeSet<String> merged = topicSet(stored);
      if (merged.addAll(delta.topics())) {
        jdbc.update("update " + table + " set topics = ? where " + keyColumn + " = ?", String.join(",", merged), key);
      }
    }
    delta.negativePerMinute().forEach((minute, negative) -> {
      if (jdbc.update("update " + table + "_minute set negative = negative + ? where " + keyColumn + " = ? and minute_start = ?",
          negative, key, minute) == 0) {
        jdbc.update("insert into " + table + "_minute (" + keyColumn + ", minute_start, negative) values (?, ?, ?)", key,
            minute, negative);
      }
    });
  }

  /** How many threads the situation has (one row each, so this costs per thread, not per mention). */
  private long threadCount(String situationKey) {
    return jdbc.queryForObject("select count(*) from situation_thread where situation_key = ?", Long.class,
        situationKey);
  }

  private String platforms(String situationKey) {
    return String.join(", ", jdbc.queryForList("""
        select distinct i.platform from incident i join situation_thread t on t.incident_key = i.incident_key
        where t.situation_key = ? order by i.platform""", String.class, situationKey));
  }

  private long negative60m(String table, String keyColumn, String key, Instant now) {
    Instant windowStart = now.truncatedTo(ChronoUnit.MINUTES).minus(WINDOW_MINUTES - 1, ChronoUnit.MINUTES);
    Long sum = jdbc.queryForObject("select sum(negative) from " + table + "_minute where " + keyColumn
        + " = ? and minute_start >= ?", Long.class, key, Timestamp.from(windowStart));
    return sum == null ? 0 : sum;
  }

  private static IncidentFigures figures(long mentions, long negative60m, long highestReach, Double lowestSentiment,
      String topics) {
    TreeSet<String> set = topicSet(topics);
    return new IncidentFigures(mentions, negative60m, highestReach, lowestSentiment, List.copyOf(set),
        set.contains("press"));
  }

  private static TreeSet<String> topicSet(String joined) {
    TreeSet<String> topics = new TreeSet<>();
    if (joined != null) {
      Arrays.stream(joined.split(",")).filter(t -> !t.isEmpty()).forEach(topics::add);
    }
    return topics;
  }
}
