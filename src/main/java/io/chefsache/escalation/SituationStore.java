package io.chefsache.escalation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Situations and their threads. The database decides who opens a story's situation: the primary key
 * of {@code situation_story} lets one first thread win on any number of nodes; the loser's step rolls
 * back and its job, run again, joins the winner's situation.
 */
@Repository
class SituationStore {

  /** A story's current situation and when a thread last joined it. */
  record Current(String situationKey, String title, String processInstanceId, Instant lastJoinedAt) {
  }

  private final JdbcTemplate jdbc;

  SituationStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  boolean exists(String situationKey) {
    return !jdbc.queryForList("select situation_key from situation where situation_key = ?", String.class,
        situationKey).isEmpty();
  }

  Optional<String> situationOfThread(String incidentKey) {
    return jdbc.queryForList("select situation_key from situation_thread where incident_key = ?", String.class,
        incidentKey).stream().findFirst();
  }

  Optional<Current> current(String storyKey) {
    return jdbc.query("""
        select s.situation_key, s.title, s.process_instance_id,
               coalesce((select max(t.joined_at) from situation_thread t where t.situation_key = s.situation_key),
                        s.opened_at)
        from situation_story st join situation s on s.situation_key = st.situation_key
        where st.story_key = ?""",
        (rs, row) -> new Current(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()),
        storyKey).stream().findFirst();
  }

  void insertSituation(String situationKey, String storyKey, String title, Instant now) {
    jdbc.update("""
        insert into situation (situation_key, story_key, title, opened_at)
        values (?, ?, ?, ?)""", situationKey, storyKey, title, Timestamp.from(now));
  }

  void attachProcess(String situationKey, String processInstanceId) {
    jdbc.update("update situation set process_instance_id = ? where situation_key = ?", processInstanceId,
        situationKey);
  }

  /** The story's first situation: fails on the primary key if another node opened one first. */
  void insertStory(String storyKey, String situationKey) {
    jdbc.update("insert into situation_story (story_key, situation_key) values (?, ?)", storyKey, situationKey);
  }

  /** Points the story at a new situation, unless another node did so first (returns false then). */
  boolean replaceStorySituation(String storyKey, String expectedSituationKey, String newSituationKey) {
    return jdbc.update("update situation_story set situation_key = ? where story_key = ? and situation_key = ?",
        newSituationKey, storyKey, expectedSituationKey) == 1;
  }

  void insertThread(String incidentKey, String situationKey, String processInstanceId, Instant now) {
    jdbc.update("""
        insert into situation_thread (incident_key, situation_key, process_instance_id, joined_at)
        values (?, ?, ?, ?)""", incidentKey, situationKey, processInstanceId, Timestamp.from(now));
  }

  /** The situation's line, if set. */
  Optional<SituationLine> line(String situationKey) {
    return jdbc.query("""
        select line_core_statement, line_reply, line_tone, line_avoid, line_answers, line_pause_posts, line_set_by,
               line_set_at
        from situation where situation_key = ? and line_core_statement is not null""",
        (rs, row) -> new SituationLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getTimestamp(8).toInstant()),
        situationKey).stream().findFirst();
  }

  /** Sets the line. */
  void setLine(String situationKey, SituationLine line) {
    jdbc.update("""
        update situation set line_core_statement = ?, line_reply = ?, line_tone = ?, line_avoid = ?, line_answers = ?,
               line_pause_posts = ?, line_set_by = ?, line_set_at = ?
        where situation_key = ?""",
        line.coreStatement(), line.reply(), line.tone(), line.avoid(), line.answers(), line.pausePosts(), line.setBy(),
        Timestamp.from(line.setAt()), situationKey);
  }

  /** Locks the company's publishing switch until the transaction ends: one pause or resume at a time. */
  void lockPublishing() {
    jdbc.update("update publishing_freeze set id = id where id = 1");
  }

  /** The titles of the situations, other than this one, whose pause of the scheduled posts holds. */
  List<String> otherPauses(String situationKey) {
    return jdbc.queryForList("select title from situation where posts_paused = true and situation_key <> ?",
        String.class, situationKey);
  }

  /** Records that the situation's scheduled posts are paused (or resumed); false if they already were. */
  boolean switchPostsPaused(String situationKey, boolean paused) {
    return jdbc.update("update situation set posts_paused = ? where situation_key = ? and posts_paused = ?", paused,
        situationKey, !paused) == 1;
  }

  /** Notes that every open thread of the situation is to be answered with the line. */
  void requestAnswerAll(String situationKey, String user, Instant now) {
    jdbc.update("update situation set answer_all_requested_by = ?, answer_all_requested_at = ? where situation_key = ?",
        user, Timestamp.from(now), situationKey);
  }

  record AnswerAllRequest(String situationKey, String user, Instant requestedAt) {
  }

  List<AnswerAllRequest> answerAllRequests() {
    return jdbc.query("""
        select situation_key, answer_all_requested_by, answer_all_requested_at from situation
        where answer_all_requested_at is not null""",
        (rs, row) -> new AnswerAllRequest(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
  }

  /** Done with a request; a newer request made meanwhile stays. */
  void answerAllDone(AnswerAllRequest request) {
    jdbc.update("""
        update situation set answer_all_requested_by = null, answer_all_requested_at = null
        where situation_key = ? and answer_all_requested_at = ?""",
        request.situationKey(), Timestamp.from(request.requestedAt()));
  }

  /** Situations whose line was set since {@code since}: their threads may still wait for it. */
  List<String> situationsWithLineSince(Instant since) {
    return jdbc.queryForList("select situation_key from situation where line_set_at >= ?", String.class,
        Timestamp.from(since));
  }
}
