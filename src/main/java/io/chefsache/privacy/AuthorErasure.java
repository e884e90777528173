package io.chefsache.privacy;

import io.chefsache.escalation.IncidentVariables;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDetail;
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

  @Transactional
  public Erased erase(String author, String requestedBy, String reason) {
    String id = UUID.randomUUID().toString();
    // random, not derived from the handle: nobody can hash candidate handles to find who it was
    String pseudonym = "erased-" + id.substring(0, 8);
    List<Map<String, Object>> mentions = jdbc.queryForList(
        "select incident_key, text from mention where author_handle = ?", author);
    Set<String> incidents = new LinkedHashSet<>();
    Set<String> texts = new LinkedHashSet<>();
    mentions.forEach(mention -> {
      incidents.add((String) mention.get("incident_key"));
      String text = (String) mention.get("text");
      if (text != null && !text.isBlank()) {
        texts.add(text);
      }
    });
    jdbc.update("""
        update mention set text = '', author_handle = ?, url = null, personal_data_removed_at = ?,
        personal_data_removed_why = ? where author_handle = ?""", pseudonym, Timestamp.from(clock.instant()), ERASURE,
        author);
    Set<String> keys = new LinkedHashSet<>(incidents);
    for (String incident : incidents) {
      keys.addAll(jdbc.queryForList("select situation_key from situation_thread where incident_key = ?", String.class,
          incident));
      jdbc.update("update outbound_action set body = replace(body, ?, ?), answer = replace(answer, ?, ?) "
          + "where incident_key = ?", author, pseudonym, author, pseudonym, incident);
    }
    Eraser eraser = new Eraser(author, pseudonym, texts);
    keys.forEach(key -> history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).list()
        .forEach(eraser::eraseIn));
    jdbc.update("""
        insert into erasure (id, pseudonym, requested_by, reason, erased_at, mentions, incidents)
        values (?, ?, ?, ?, ?, ?, ?)""", id, pseudonym, requestedBy, reason, Timestamp.from(clock.instant()),
        mentions.size(), incidents.size());
    keys.forEach(key -> jdbc.update("insert into erasure_incident (erasure_id, incident_key) values (?, ?)", id, key));
    return new Erased(id, pseudonym, mentions.size(), incidents.size());
  }

  /** Rewrites the engine's variables of one process that hold the author's data, now and in their history. */
  private final class Eraser {

    private final String author;
    private final String pseudonym;
    private final Set<String> texts;

    Eraser(String author, String pseudonym, Set<String> texts) {
      this.author = author;
      this.pseudonym = pseudonym;
      this.texts = texts;
    }

    /** Whether a string variable's value holds the author's handle or one of their texts; other types never do. */
    boolean holds(String typeName, Supplier<Object> value) {
      return "string".equals(typeName) && value.get() instanceof String text
          && (text.contains(author) || texts.stream().anyMatch(text::contains));
    }

    String erased(String value) {
      String result = value;
      for (String text : texts) {
        result = result.replace(text, "");
      }
      return result.replace(author, pseudonym);
    }

    void eraseIn(HistoricProcessInstance process) {
      List<HistoricVariableInstance> all = history.createHistoricVariableInstanceQuery()
          .processInstanceId(process.getId()).disableCustomObjectDeserialization().list();
      // the process of the author's mention: its mention variables go whole (an excerpt is a part of the text)
      boolean theirMention = all.stream().anyMatch(variable ->
          IncidentVariables.MENTION_AUTHOR.equals(variable.getName()) && "string".equals(variable.getTypeName())
              && author.equals(variable.getValue()));
      Set<String> variables = new LinkedHashSet<>();
      for (HistoricVariableInstance variable : all) {
        if (holds(variable.getTypeName(), variable::getValue)
            || theirMention && MentionRetention.PERSONAL_VARIABLES.contains(variable.getName())) {
          variables.add(variable.getId());
        }
      }
      for (HistoricDetail detail : history.createHistoricDetailQuery().variableUpdates()
          .processInstanceId(process.getId()).disableCustomObjectDeserialization().list()) {
        if (detail instanceof HistoricVariableUpdate update && holds(update.getTypeName(), update::getValue)) {
          variables.add(update.getVariableInstanceId());
        }
      }
      List<VariableInstance> running = new ArrayList<>();
      for (String id : variables) {
        VariableInstance current = runtime.createVariableInstanceQuery().variableId(id)
            .disableCustomObjectDeserialization().singleResult();
        if (current != null) {
          running.add(current);
          runtime.removeVariableLocal(current.getExecutionId(), current.getName());
        }
        history.deleteHistoricVariableInstance(id);
      }
      running.forEach(variable -> runtime.setVariableLocal(variable.getExecutionId(), variable.getName(),
          replacement(variable, theirMention)));
    }

    private Object replacement(VariableInstance variable, boolean theirMention) {
      if (theirMention && MentionRetention.PERSONAL_VARIABLES.contains(variable.getName())) {
        return IncidentVariables.MENTION_AUTHOR.equals(variable.getName()) ? pseudonym : "";
      }
      return holds(variable.getTypeName(), variable::getValue) ? erased((String) variable.getValue())
          : variable.getTypedValue();
    }
  }
}
