package io.chefsache.privacy;

import io.chefsache.escalation.IncidentVariables;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases one author's personal data on request (GDPR Art. 17): the texts and links of their
 * mentions go, their handle is replaced by a pseudonym, in Chefsache's tables and in every variable
 * of the engine (running and ended processes, with their history) that held it: a mention's text,
 * or a reply that greeted them by name. What the record needs stays: each mention's figures and the
 * hash of its payload (so exports made before still verify and new ones carry the same hashes),
 * decisions, tasks, deadlines. The erasure itself is recorded with who asked, why and when; the
 * handle is not.
 */
@Service
public class AuthorErasure {

  public static final String ERASURE = "erasure";

  private final JdbcTemplate jdbc;
  private final HistoryService history;
  private final RuntimeService runtime;
  private final Clock clock;

  AuthorErasure(JdbcTemplate jdbc, HistoryService history, RuntimeService runtime, Clock clock) {
    this.jdbc = jdbc;
    this.history = history;
    this.runtime = runtime;
    this.clock = clock;
  }

  /** What an erasure did. */
  public record Erased(String id, String pseudonym, int mentions, int incidents) {
  }

  /**
   * Erases the author's data, or nothing and answers empty when Chefsache keeps no mention of theirs
   * (handles are compared exactly, as the platform wrote them): an erasure on record that erased
   * nothing would let an administrator believe a request was carried out.
   */
  @Transactional
  public Optional<Erased> erase(String author, String requestedBy, String reason) {
    String id = UUID.randomUUID().toString();
    // random, not derived from the handle: nobody can hash candidate handles to find who it was
    String pseudonym = "erased-" + id.substring(0, 8);
    jdbc.update("""
        update mention set text = '', author_handle = ?, url = null, personal_data_removed_at = ?,
        personal_data_removed_why = ? where author_handle = ?""", pseudonym, Timestamp.from(clock.instant()), ERASURE,
        author);
    // the rows this erasure changed carry its pseudonym, whoever stored one meanwhile: every incident
    // whose mention it erased is recorded and rewritten with it
    int mentions = jdbc.queryForObject("select count(*) from mention where author_handle = ?", Integer.class, pseudonym);
    Set<String> incidents = new LinkedHashSet<>(jdbc.queryForList(
        "select distinct incident_key from mention where author_handle = ?", String.class, pseudonym));
    // processes that carry the author's mention although its row was erased before (a process that
    // started while an earlier erasure ran): asking again finds and erases them
    history.createHistoricVariableInstanceQuery().variableValueEquals(IncidentVariables.MENTION_AUTHOR, author).list()
        .forEach(variable -> history.createHistoricProcessInstanceQuery().processInstanceId(
            variable.getProcessInstanceId()).list().forEach(process -> incidents.add(process.getBusinessKey())));
    if (incidents.isEmpty()) {
      return Optional.empty();
    }
    Set<String> keys = new LinkedHashSet<>(incidents);
    for (String incident : incidents) {
      keys.addAll(jdbc.queryForList("select situation_key from situation_thread where incident_key = ?", String.class,
          incident));
    }
    Eraser eraser = new Eraser(author, pseudonym);
    for (String key : keys) {
      // other authors who named them ("@kunde hat recht"): the handle goes, their words stay
      jdbc.query("select id, text from mention where incident_key = ? and text like ?", rs -> {
        String text = eraser.erased(rs.getString(2));
        if (!text.equals(rs.getString(2))) {
          jdbc.update("update mention set text = ? where id = ?", text, rs.getString(1));
        }
      }, key, "%" + author + "%");
      jdbc.query("select id, body, answer from outbound_action where incident_key = ? and (body like ? or answer like ?)",
          rs -> {
            jdbc.update("update outbound_action set body = ?, answer = ? where id = ?", eraser.erased(rs.getString(2)),
                eraser.erased(rs.getString(3)), rs.getString(1));
          }, key, "%" + author + "%", "%" + author + "%");
    }
    keys.forEach(key -> history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).list()
        .forEach(eraser::eraseIn));
    jdbc.update("""
        insert into erasure (id, pseudonym, requested_by, reason, erased_at, mentions, incidents)
        values (?, ?, ?, ?, ?, ?, ?)""", id, pseudonym, requestedBy, reason, Timestamp.from(clock.instant()),
        mentions, incidents.size());
    keys.forEach(key -> jdbc.update("insert into erasure_incident (erasure_id, incident_key) values (?, ?)", id, key));
    return Optional.of(new Erased(id, pseudonym, mentions, incidents.size()));
  }

  /** Rewrites the engine's variables of one process that hold the author's data, now and in their history. */
  private final class Eraser {

    private final String author;
    private final String pseudonym;
    /**
     * The handle where a text names the author: as a word of its own, "@kunde" in "Hallo @kunde," and
     * "@kunde." but not in "@kunde_2", "@kunde.b", "@kunde@mastodon.social" or "x@kunde". A handle
     * without "@" (a display name such as "Team") only where a text mentions it as one ("@Team"):
     * as a plain word it is the company's own language, a platform's name or part of a key.
     */
    private final Pattern handle;

    Eraser(String author, String pseudonym) {
      this.author = author;
      this.pseudonym = pseudonym;
      String before = author.startsWith("@") ? "(?<![\\p{L}\\p{N}_@.-])" : "(?<=(?<![\\p{L}\\p{N}_.-])@)";
      this.handle = Pattern.compile(before + Pattern.quote(author) + "(?![\\p{L}\\p{N}_]|[.@-][\\p{L}\\p{N}_])",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /**
     * Whether a string variable's value names the author; other types never do. A mention's text is
     * the author's only in the variables of their own mention ({@link #eraseIn}): the same words in a
     * colleague's reply or another author's post are not theirs to erase.
     */
    boolean holds(String typeName, Supplier<Object> value) {
      return "string".equals(typeName) && value.get() instanceof String text && handle.matcher(text).find();
    }

    String erased(String value) {
      return value == null ? null : handle.matcher(value).replaceAll(Matcher.quoteReplacement(pseudonym));
    }

    void eraseIn(HistoricProcessInstance process) {
      List<HistoricVariableInstance> all = history.createHistoricVariableInstanceQuery()
          .processInstanceId(process.getId()).disableCustomObjectDeserialization().list();
      // the process of the author's mention: its mention variables go whole (an excerpt is a part of the text)
      boolean theirMention = all.stream().anyMatch(variable ->
          IncidentVariables.MENTION_AUTHOR.equals(variable.getName()) && "string".equals(variable.getTypeName())
              && author.equals(variable.getValue()));
      Map<String, String> variables = new LinkedHashMap<>();
      for (HistoricVariableInstance variable : all) {
        if (holds(variable.getTypeName(), variable::getValue)
            || theirMention && MentionRetention.PERSONAL_VARIABLES.contains(variable.getName())) {
          variables.put(variable.getId(), variable.getName());
        }
      }
      for (HistoricDetail detail : history.createHistoricDetailQuery().variableUpdates()
          .processInstanceId(process.getId()).disableCustomObjectDeserialization().list()) {
        if (detail instanceof HistoricVariableUpdate update && holds(update.getTypeName(), update::getValue)) {
          variables.put(update.getVariableInstanceId(), update.getVariableName());
        }
      }
      variables.forEach((id, name) -> {
        VariableInstance current = runtime.createVariableInstanceQuery().variableId(id)
            .disableCustomObjectDeserialization().singleResult();
        if (current != null && "string".equals(current.getTypeName())) {
          String replaced = replacement(name, (String) current.getValue(), theirMention);
          if (!Objects.equals(replaced, current.getValue())) {
            runtime.setVariableLocal(current.getExecutionId(), name, replaced);
          }
        }
        HistoryText.rewriteVariable(jdbc, id, value -> replacement(name, value, theirMention));
      });
      eraseFormFields(process, theirMention);
    }

    /** The values people submitted with Tasklist's forms ({@link HistoryText}). */
    private void eraseFormFields(HistoricProcessInstance process, boolean theirMention) {
      for (HistoricDetail detail : history.createHistoricDetailQuery().formFields().processInstanceId(process.getId())
          .list()) {
        if (detail instanceof HistoricFormField field && field.getFieldValue() instanceof String value) {
          String replaced = replacement(field.getFieldId(), value, theirMention);
          if (!replaced.equals(value)) {
            HistoryText.rewriteFormField(jdbc, field.getId(), replaced);
          }
        }
      }
    }

    /** What a string variable holds after the erasure: nothing of their own mention, else the pseudonym for the handle. */
    private String replacement(String name, String value, boolean theirMention) {
      if (theirMention && MentionRetention.PERSONAL_VARIABLES.contains(name)) {
        return IncidentVariables.MENTION_AUTHOR.equals(name) ? pseudonym : "";
      }
      return erased(value);
    }
  }
}
