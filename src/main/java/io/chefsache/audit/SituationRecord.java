package io.chefsache.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What auditors read about a situation besides its timeline: the line management set, who set it and
 * when, and its threads with what was published on each. Read-only.
 */
@Component
public class SituationRecord {

  /**
   * The situation's line and freeze state ({@code lineSetAt} is null while no line exists), its
   * threads, and the crisis team's statements for it as a whole.
   */
  public record Situation(String key, String title, Instant openedAt, String lineCoreStatement, String lineReply,
      String lineTone, String lineAvoid, String lineAnswers, String lineSetBy, Instant lineSetAt, boolean postsPaused,
      List<Thread> threads, List<Statement> statements) {
  }

  /**
   * A statement of the crisis team (holding statement, status update) in its last version, on how
   * many of the situation's threads it was published, and when first (null: not published).
   */
  public record Statement(String kind, String text, long threadsPublished, Instant firstPublished) {
  }

  /** The crisis' variables that hold what it publishes (IncidentLevel3Crisis: publishText). */
  private static final List<String> STATEMENTS = List.of("holdingStatement", "statusUpdateText");

  /** One thread of the situation and its publications (replies on the platform). */
  public record Thread(String incidentKey, Instant joinedAt, List<Publication> publications) {
  }

  public record Publication(Instant at, String status, String text, String platformRef) {
  }

  static final int LIMIT = 200;

  private final JdbcTemplate jdbc;
  private final HistoryService history;

  SituationRecord(JdbcTemplate jdbc, HistoryService history) {
    this.jdbc = jdbc;
    this.history = history;
  }

  public Optional<Situation> of(String situationKey) {
    List<Thread> threads = jdbc.query("""
        select incident_key, joined_at from situation_thread where situation_key = ? order by joined_at, incident_key""",
        (rs, row) -> new Thread(rs.getString(1), rs.getTimestamp(2).toInstant(), publications(rs.getString(1))),
        situationKey);
    return jdbc.query("""
        select situation_key, title, opened_at, line_core_statement, line_reply, line_tone, line_avoid, line_answers,
               line_set_by, line_set_at, posts_paused
        from situation where situation_key = ?""",
        (rs, row) -> new Situation(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
            instant(rs.getTimestamp(10)), rs.getBoolean(11), threads, statements(situationKey, threads)),
        situationKey).stream().findFirst();
  }

  /** A situation in the list of a period. */
  public record Summary(String key, String title, Instant openedAt, long threads, boolean lineSet) {
  }

  /** The situations opened in the period, newest first (at most {@value #LIMIT}). */
  public List<Summary> opened(Instant from, Instant to) {
    return jdbc.query("""
        select s.situation_key, s.title, s.opened_at, count(t.incident_key), max(s.line_set_at)
        from situation s left join situation_thread t on t.situation_key = s.situation_key
        where s.opened_at >= ? and s.opened_at < ?
        group by s.situation_key, s.title, s.opened_at order by s.opened_at desc limit %d""".formatted(LIMIT),
        (rs, row) -> new Summary(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getLong(4),
            rs.getTimestamp(5) != null),
        Timestamp.from(from), Timestamp.from(to));
  }

  /** The situation a thread belongs to, if any. */
  public Optional<String> situationOfThread(String incidentKey) {
    return jdbc.queryForList("select situation_key from situation_thread where incident_key = ?", String.class,
        incidentKey).stream().findFirst();
  }

  /**
   * The tasks of their situation that concern the threads among {@code incidentKeys}: management's
   * line (or the deputy's), the situation's crisis and review, if still open when the thread joined
   * or created after. A thread's crew cannot answer before the situation has a line, so a line set
   * late is a deadline missed on every thread waiting for it, though the thread's own answer task
   * only gets its deadline with the line. Keyed by the thread; threads of no situation are left out.
   */
  Map<String, List<HistoricTaskInstance>> tasksConcerningThreads(Collection<String> incidentKeys) {
    if (incidentKeys.isEmpty()) {
      return Map.of();
    }
    Map<String, String> situationOf = new HashMap<>();
    Map<String, Instant> joinedAt = new HashMap<>();
    new NamedParameterJdbcTemplate(jdbc).query(
        "select incident_key, situation_key, joined_at from situation_thread where incident_key in (:keys)",
        Map.of("keys", incidentKeys), rs -> {
          situationOf.put(rs.getString(1), rs.getString(2));
          joinedAt.put(rs.getString(1), rs.getTimestamp(3).toInstant());
        });
    if (situationOf.isEmpty()) {
      return Map.of();
    }
    String[] situations = situationOf.values().stream().distinct().toArray(String[]::new);
    Map<String, String> situationOfInstance = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyIn(situations).list().stream()
        .collect(Collectors.toMap(HistoricProcessInstance::getId, HistoricProcessInstance::getBusinessKey));
    Map<String, List<HistoricTaskInstance>> tasksOfSituation = history.createHistoricTaskInstanceQuery()
        .processInstanceBusinessKeyIn(situations).list().stream()
        .collect(Collectors.groupingBy(task -> situationOfInstance.get(task.getProcessInstanceId())));
    return situationOf.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, thread ->
        tasksOfSituation.getOrDefault(thread.getValue(), List.of()).stream()
            .filter(task -> task.getEndTime() == null
                || task.getEndTime().toInstant().isAfter(joinedAt.get(thread.getKey())))
            .toList()));
  }

  private List<Statement> statements(String situationKey, List<Thread> threads) {
    String[] processes = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(situationKey).list()
        .stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    if (processes.length == 0) {
      return List.of();
    }
    return history.createHistoricVariableInstanceQuery().processInstanceIdIn(processes)
        .variableNameIn(STATEMENTS.toArray(String[]::new)).list().stream()
        .filter(variable -> variable.getValue() instanceof String text && !text.isBlank())
        .map(variable -> {
          List<Publication> sent = threads.stream().flatMap(thread -> thread.publications().stream())
              .filter(publication -> "SENT".equals(publication.status()) && variable.getValue().equals(publication.text()))
              .toList();
          return new Statement(variable.getName(), (String) variable.getValue(), sent.size(),
              sent.stream().map(Publication::at).min(Comparator.naturalOrder()).orElse(null));
        }).toList();
  }

  private List<Publication> publications(String incidentKey) {
    return jdbc.query("""
        select created_at, status, body, platform_ref from outbound_action
        where incident_key = ? and kind = 'REPLY' order by created_at""",
        (rs, row) -> new Publication(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
            rs.getString(4)),
        incidentKey);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
