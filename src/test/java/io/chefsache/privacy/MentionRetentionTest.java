package io.chefsache.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.audit.AuditExports;
import io.chefsache.audit.ExportVerifier;
import io.chefsache.audit.IncidentTimeline;
import io.chefsache.audit.TimelineEntry;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.DatabaseScan;
import io.chefsache.support.IncidentDriver;
import io.chefsache.support.MentionJson;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A mention's text, author handle and link go after the retention period once its incident has
 * ended (90 days by default), from Chefsache's tables and the engine's history alike; its figures and
 * payload hash stay, and the timeline says what was removed and why.
 */
@ChefsacheTest
class MentionRetentionTest {

  private static final Duration PERIOD = Duration.ofDays(90);

  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentDriver driver;
  @Autowired
  MentionRetention retention;
  @Autowired
  IncidentTimeline timelines;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  AuditExports exports;
  @LocalServerPort
  int port;

  @Test
  void theTextHandleAndLinkOfAnEndedIncidentsMentionsGoAfterTheRetentionPeriod() throws Exception {
    String handle = "@gone_" + System.nanoTime();
    String kept = "@kept_" + System.nanoTime();
    String ended = incident(handle, "Eure Gabel ist gebrochen, sagt " + handle);
    // as Tasklist submits it: the form's read-only fields carry the mention too
    var respond = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(ended)
        .taskDefinitionKey("Task_RespondToMention").singleResult();
    engine.getTaskService().claim(respond.getId(), "mia");
    engine.getFormService().submitTaskForm(respond.getId(), Map.of("crewDecision", "close", "closeReason", "erledigt",
        "mentionAuthor", handle, "mentionText", "Eure Gabel ist gebrochen, sagt " + handle));
    byte[] before = AuditExports.json(exports.incident(ended, "ines"));
    end(ended);
    String running = incident(kept, "Meine auch, sagt " + kept);
    String hash = jdbc.queryForObject("select payload_sha256 from mention where incident_key = ?", String.class, ended);

    retention.removeExpired(Instant.now().plus(PERIOD).minus(Duration.ofHours(1)));
    assertThat(textColumnsContaining(handle)).as("not before the period has passed").isNotEmpty();

    retention.removeExpired(Instant.now().plus(PERIOD).plus(Duration.ofMinutes(1)));

    assertThat(jdbc.queryForMap("""
        select text, author_handle, url, author_followers, payload_sha256, personal_data_removed_why
        from mention where incident_key = ?""", ended))
        .containsEntry("TEXT", "").containsEntry("AUTHOR_HANDLE", null).containsEntry("URL", null)
        .containsEntry("AUTHOR_FOLLOWERS", 1200L).containsEntry("PAYLOAD_SHA256", hash)
        .containsEntry("PERSONAL_DATA_REMOVED_WHY", "retention");
    assertThat(textColumnsContaining(handle)).as("no trace of the handle in any table").isEmpty();
    var comparison = ExportVerifier.compare(before, AuditExports.json(exports.incident(ended, "ines")));
    assertThat(comparison.unexplained()).isEmpty();
    assertThat(comparison.explained()).as("the first mention").isNotEmpty()
        .allMatch(line -> line.contains("after the retention period"));
    assertThat(textColumnsContaining(kept)).as("the running incident keeps its mention").isNotEmpty();
    TimelineEntry first = timelines.of(ended, Locale.GERMAN, ZoneOffset.UTC).orElseThrow().entries().stream()
        .filter(entry -> entry.type() == TimelineEntry.Type.MENTION).findFirst().orElseThrow();
    assertThat(first.summary()).isEqualTo("erste Erwähnung: [Text, Verfasser:in und Link nach Ablauf der "
        + "Aufbewahrungsfrist entfernt]");
    assertThat(first.details()).containsEntry("payloadSha256", hash).containsEntry("personalDataRemoved", "retention");
    end(running);
  }

  @Test
  void aSituationKeepsItsThreadsMentionsUntilItHasEndedToo() throws Exception {
    String handle = "@lead_" + System.nanoTime();
    JsonNode accepted = new ObjectMapper().readTree(MentionJson.demoSender(port).send(MentionJson
        .mention(MentionJson.uniqueThread("retention-situation")).with("text", "Gabel gebrochen, sagt " + handle)
        .with("author", Map.of("handle", handle, "followers", 340)).with("sentiment", -0.7)
        .with("topics", List.of("product-safety", "customer-service"))
        .with("storyId", "retention-story-" + System.nanoTime()).json()).body());
    driver.runJobs(accepted.get("processInstanceId").asText());
    String thread = accepted.get("incidentKey").asText();
    String situation = jdbc.queryForObject("select situation_key from situation_thread where incident_key = ?",
        String.class, thread);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().variableValueEquals("mentionAuthor",
        handle).list()).as("the situation carries its first mention").extracting(variable -> engine.getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceId(variable.getProcessInstanceId()).singleResult()
        .getBusinessKey()).contains(situation);
    end(thread);

    retention.removeExpired(Instant.now().plus(PERIOD).plus(Duration.ofMinutes(1)));
    assertThat(textColumnsContaining(handle)).as("the situation still runs").isNotEmpty();

    end(situation);
    retention.removeExpired(Instant.now().plus(PERIOD).plus(Duration.ofMinutes(1)));
    assertThat(textColumnsContaining(handle)).as("no trace of the handle in any table").isEmpty();
  }

  private String incident(String handle, String text) throws Exception {
    JsonNode accepted = new ObjectMapper().readTree(MentionJson.demoSender(port).send(MentionJson
        .mention(MentionJson.uniqueThread("retention")).with("text", text)
        .with("author", Map.of("handle", handle, "followers", 1200)).json()).body());
    driver.runJobs(accepted.get("processInstanceId").asText());
    return accepted.get("incidentKey").asText();
  }

  private void end(String incidentKey) {
    engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(incidentKey).list()
        .forEach(process -> engine.getRuntimeService().deleteProcessInstanceIfExists(process.getId(),
            "test: the incident is over", false, true, false, false));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(incidentKey)
        .list()).allMatch(process -> process.getEndTime() != null).extracting(HistoricProcessInstance::getId)
        .isNotEmpty();
  }

  private List<String> textColumnsContaining(String value) {
    return DatabaseScan.textColumnsContaining(jdbc, value);
  }
}
