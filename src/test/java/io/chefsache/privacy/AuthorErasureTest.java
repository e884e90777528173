package io.chefsache.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chefsache.audit.AuditExport;
import io.chefsache.audit.AuditExports;
import io.chefsache.audit.ExportVerifier;
import io.chefsache.audit.HashChain;
import io.chefsache.audit.IncidentTimeline;
import io.chefsache.audit.TimelineEntry;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.DatabaseScan;
import io.chefsache.support.IncidentDriver;
import io.chefsache.support.MentionJson;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An administrator erases one author's personal data on request (GDPR Art. 17): afterwards no text
 * column of any table holds the handle, exports made before and after both verify and carry the same
 * payload hashes, the record says who erased it and why, and a running incident goes on.
 */
@ChefsacheTest
class AuthorErasureTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  IncidentDriver driver;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  AuditExports exports;
  @Autowired
  IncidentTimeline timelines;
  @LocalServerPort
  int port;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void anAdministratorErasesAnAuthorEverywhereAndExportsStillVerify() throws Exception {
    String handle = "@erase_" + System.nanoTime();
    JsonNode answered = send(handle, "Gabel gebrochen, schreibt " + handle);
    var answeredIncident = driver.instance(answered.get("processInstanceId").asText());
    // as Tasklist submits it: every field of the form, the read-only ones showing the mention too
    var respond = driver.task(answeredIncident, "Task_RespondToMention");
    engine.getTaskService().claim(respond.getId(), "mia");
    engine.getFormService().submitTaskForm(respond.getId(), Map.of("crewDecision", "reply",
        "replyText", "Hallo " + handle + ", das tut uns leid. Wir melden uns.", "mentionAuthor", handle,
        "mentionText", "Gabel gebrochen, schreibt " + handle));
    driver.runJobs(answeredIncident.getId());
    assertThat(engine.getHistoryService().createHistoricDetailQuery().formFields()
        .processInstanceId(respond.getProcessInstanceId()).count()).as("the form's fields are kept").isPositive();
    JsonNode running = send(handle, "Und noch etwas von " + handle);
    String key = answered.get("incidentKey").asText();
    byte[] before = AuditExports.json(exports.incident(key, "ines"));
    assertThat(DatabaseScan.textColumnsContaining(jdbc, handle)).as("the handle is stored before").isNotEmpty();

    var response = rest.withBasicAuth("admin", "demo").postForEntity("/api/erasures",
        Map.of("author", handle, "reason", "Antrag per E-Mail vom 3. Dezember"), JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    String pseudonym = response.getBody().get("pseudonym").asText();
    assertThat(response.getBody().get("mentions").asInt()).isEqualTo(2);
    assertThat(response.getBody().get("incidents").asInt()).isEqualTo(2);
    assertThat(DatabaseScan.textColumnsContaining(jdbc, handle)).as("no trace of the handle in any table").isEmpty();
    assertThat(DatabaseScan.textColumnsContaining(jdbc, "Gabel gebrochen, schreibt")).isEmpty();
    AuditExport after = exports.incident(key, "ines");
    assertThat(ExportVerifier.verify(AuditExports.json(after)).valid()).isTrue();
    assertThat(ExportVerifier.verify(before).valid()).as("an export made before still verifies").isTrue();
    assertThat(payloadHashes(after)).isNotEmpty().isEqualTo(payloadHashes(json.readTree(before)));
    var comparison = ExportVerifier.compare(before, AuditExports.json(after));
    assertThat(comparison.bothValid()).isTrue();
    assertThat(comparison.unexplained()).isEmpty();
    assertThat(comparison.explained()).as("the mention and the reply changed by the erasure").isNotEmpty()
        .allMatch(line -> line.contains("erased at") && line.contains(pseudonym));
    var forged = ExportVerifier.compare(tampered(before, "das tut uns leid", "selber schuld"), AuditExports.json(after));
    assertThat(forged.unexplained()).as("an erasure explains a pseudonym, not other words").isNotEmpty()
        .allMatch(line -> line.contains("more than an erasure"));
    assertThat(new String(before, StandardCharsets.UTF_8)).contains("\"actor\" : \"mia\"");
    assertThat(ExportVerifier.compare(tampered(before, "\"actor\" : \"mia\"", "\"actor\" : \"\""),
        AuditExports.json(after)).unexplained()).as("who acted is never erased").isNotEmpty();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(answeredIncident.getId()).variableName("mentionAuthor").singleResult().getValue())
        .as("the incident's record keeps its variables, rewritten").isEqualTo(pseudonym);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().variableValueEquals("replyText",
        "Hallo " + pseudonym + ", das tut uns leid. Wir melden uns.").count()).as("the crew's reply, in the level's record")
        .isOne();
    assertThat(after.entries()).filteredOn(entry -> entry.type().equals("ERASURE")).singleElement()
        .satisfies(entry -> assertThat(entry.actor()).isEqualTo("admin"));
    assertThat(jdbc.queryForMap("select requested_by, reason from erasure where pseudonym = ?", pseudonym))
        .containsEntry("REQUESTED_BY", "admin").containsEntry("REASON", "Antrag per E-Mail vom 3. Dezember");
    assertThat(jdbc.queryForObject("select body from outbound_action where incident_key = ? and kind = 'REPLY'",
        String.class, key)).isEqualTo("Hallo " + pseudonym + ", das tut uns leid. Wir melden uns.");
    TimelineEntry mention = timelines.of(running.get("incidentKey").asText(), Locale.GERMAN, ZoneOffset.UTC)
        .orElseThrow().ofType(TimelineEntry.Type.MENTION).get(0);
    assertThat(mention.actor()).isEqualTo(pseudonym);
    assertThat(mention.summary()).endsWith("[Text, Verfasser:in und Link auf Antrag gelöscht (DSGVO Art. 17)]");

    var stillRunning = driver.instance(running.get("processInstanceId").asText());
    assertThat(driver.variable(stillRunning, "mentionAuthor")).isEqualTo(pseudonym);
    driver.complete(stillRunning, "Task_RespondToMention", "mia", Map.of("crewDecision", "close",
        "closeReason", "erledigt"));
    assertThat(driver.openTasks(stillRunning)).isEmpty();
  }

  @Test
  void erasingAnAuthorWhoseWordsOthersUseTooTouchesOnlyTheirs() throws Exception {
    String thread = MentionJson.uniqueThread("erasure-shared");
    String lead = "@lead_" + System.nanoTime();
    String brief = "@brief_" + System.nanoTime();
    JsonNode opened = send(MentionJson.mention(thread).with("text", "Gabel gebrochen, Support lacht.")
        .with("author", Map.of("handle", lead, "followers", 300)));
    send(MentionJson.mention(thread).with("text", "e").with("author", Map.of("handle", brief, "followers", 10)));
    JsonNode sameWords = send(MentionJson.mention(MentionJson.uniqueThread("erasure-copy")).with("text", "e")
        .with("author", Map.of("handle", brief + "_2", "followers", 10)));
    var incident = driver.instance(opened.get("processInstanceId").asText());

    var response = rest.withBasicAuth("admin", "demo").postForEntity("/api/erasures",
        Map.of("author", brief, "reason", "Antrag"), JsonNode.class);

    assertThat(response.getBody().get("mentions").asInt()).isEqualTo(1);
    assertThat(driver.variable(incident, "incidentKey")).isEqualTo(opened.get("incidentKey").asText());
    assertThat(driver.variable(incident, "mentionAuthor")).isEqualTo(lead);
    assertThat(driver.variable(incident, "mentionText")).isEqualTo("Gabel gebrochen, Support lacht.");
    assertThat(jdbc.queryForObject("select author_handle from mention where incident_key = ?", String.class,
        sameWords.get("incidentKey").asText())).as("a handle that only begins with the erased one").isEqualTo(brief + "_2");
    assertThat(jdbc.queryForList("select text from mention where incident_key = ? order by seq", String.class,
        opened.get("incidentKey").asText())).containsExactly("Gabel gebrochen, Support lacht.", "");
  }

  @Test
  void anAuthorNamedLikeAWordLosesTheirMentionButNotTheCompanysWordsKeysOrOtherAuthorsHandles() throws Exception {
    String thread = MentionJson.uniqueThread("erasure-word");
    String word = "Team" + System.nanoTime() % 1000;
    JsonNode opened = send(MentionJson.mention(thread).with("text", "Wo bleibt meine Bestellung?")
        .with("author", Map.of("handle", word, "followers", 10)));
    send(MentionJson.mention(thread).with("text", "Genau wie @" + word + " sagt, und @" + word + ".b auch. Unser "
        + word + " wartet.").with("author", Map.of("handle", "@zweite_" + System.nanoTime(), "followers", 10)));
    var incident = driver.instance(opened.get("processInstanceId").asText());
    String key = opened.get("incidentKey").asText();

    var named = rest.withBasicAuth("admin", "demo").postForEntity("/api/erasures",
        Map.of("author", word, "reason", "Antrag von " + word), JsonNode.class);
    var response = rest.withBasicAuth("admin", "demo").postForEntity("/api/erasures",
        Map.of("author", word, "reason", "Antrag per Brief"), JsonNode.class);

    assertThat(named.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(named.getBody().get("errors").findValuesAsText("field")).containsExactly("reason");
    String pseudonym = response.getBody().get("pseudonym").asText();
    assertThat(driver.variable(incident, "incidentKey")).isEqualTo(key);
    assertThat(driver.variable(incident, "mentionAuthor")).isEqualTo(pseudonym);
    assertThat(jdbc.queryForList("select text from mention where incident_key = ? order by seq", String.class, key))
        .containsExactly("", "Genau wie @" + pseudonym + " sagt, und @" + word + ".b auch. Unser " + word + " wartet.");
  }

  @Test
  void aChangeNoErasureExplainsIsReportedEvenWhenTheChainWasRecomputed() throws Exception {
    JsonNode incident = send("@untouched_" + System.nanoTime(), "Habt ihr sonntags offen?");
    byte[] export = AuditExports.json(exports.incident(incident.get("incidentKey").asText(), "ines"));

    var comparison = ExportVerifier.compare(tampered(export, "Habt ihr sonntags offen?", "Ihr seid Betrüger!"), export);

    assertThat(comparison.bothValid()).isTrue();
    assertThat(comparison.unexplained()).singleElement().asString().contains("MENTION").contains("no erasure");
    ObjectNode shortened = (ObjectNode) json.readTree(export);
    var entries = (com.fasterxml.jackson.databind.node.ArrayNode) shortened.get("entries");
    String last = entries.get(entries.size() - 1).get("type").asText();
    entries.remove(entries.size() - 1);
    assertThat(ExportVerifier.compare(rechained(shortened), export).unexplained()).as("an entry backdated into the record")
        .singleElement().asString().contains(last).contains("dated before the earlier export was made");
  }

  /** An export with {@code text} replaced and every hash recomputed, as a careful forger would. */
  private byte[] tampered(byte[] export, String text, String forged) throws Exception {
    return rechained((ObjectNode) json.readTree(new String(export, StandardCharsets.UTF_8).replace(text, forged)));
  }

  /** Every hash of a changed export recomputed, as a careful forger would. */
  private byte[] rechained(ObjectNode document) throws Exception {
    String previous = HashChain.GENESIS;
    for (JsonNode node : document.get("entries")) {
      ObjectNode entry = (ObjectNode) node;
      Map<String, Object> content = new LinkedHashMap<>();
      for (String field : List.of("seq", "incidentKey", "at", "type", "actor", "summary", "details")) {
        content.put(field, json.convertValue(entry.get(field), Object.class));
      }
      entry.put("previousHash", previous);
      previous = HashChain.next(previous, content);
      entry.put("hash", previous);
    }
    document.put("head", previous);
    return json.writeValueAsBytes(document);
  }

  @Test
  void onlyAdministratorsEraseAndABadRequestNamesItsField() {
    var crew = rest.withBasicAuth("mia", "demo").postForEntity("/api/erasures",
        Map.of("author", "@someone", "reason", "weil"), JsonNode.class);
    var noReason = rest.withBasicAuth("admin", "demo").postForEntity("/api/erasures",
        Map.of("author", "@someone", "reason", " "), JsonNode.class);
    var blankAuthor = rest.withBasicAuth("admin", "demo").postForEntity("/api/erasures",
        Map.of("author", "\u2003", "reason", "weil"), JsonNode.class);
    var tooShort = rest.withBasicAuth("admin", "demo").postForEntity("/api/erasures",
        Map.of("author", "e", "reason", "weil"), JsonNode.class);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var notJson = rest.withBasicAuth("admin", "demo").postForEntity("/api/erasures",
        new HttpEntity<>("author=@someone", headers), JsonNode.class);
    var anonymous = rest.postForEntity("/api/erasures", Map.of("author", "@someone", "reason", "weil"), String.class);
    String nobody = "@nobody_" + System.nanoTime();
    var unknown = rest.withBasicAuth("admin", "demo").postForEntity("/api/erasures",
        Map.of("author", nobody, "reason", "Antrag per E-Mail"), JsonNode.class);

    assertThat(crew.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(crew.getBody().get("detail").asText()).contains("camunda-admin");
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody().get("errors").findValuesAsText("field")).containsExactly("reason");
    assertThat(List.of(blankAuthor, tooShort)).allSatisfy(refused -> {
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().get("errors").findValuesAsText("field")).contains("author");
    });
    assertThat(notJson.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(unknown.getStatusCode()).as("an erasure that would erase nothing").isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody().get("detail").asText()).contains("nothing was erased");
    assertThat(jdbc.queryForObject("select count(*) from erasure where reason = 'Antrag per E-Mail'", Long.class))
        .isZero();
  }

  private JsonNode send(String handle, String text) throws Exception {
    return send(MentionJson.mention(MentionJson.uniqueThread("erasure")).with("text", text)
        .with("author", Map.of("handle", handle, "followers", 300)));
  }

  private JsonNode send(MentionJson mention) throws Exception {
    JsonNode accepted = json.readTree(MentionJson.demoSender(port).send(mention.json()).body());
    driver.runJobs(accepted.get("processInstanceId").asText());
    return accepted;
  }

  private static List<String> payloadHashes(AuditExport export) {
    return export.entries().stream().filter(entry -> entry.details().containsKey("payloadSha256")
        && entry.type().equals("MENTION")).map(entry -> (String) entry.details().get("payloadSha256")).toList();
  }

  private static List<String> payloadHashes(JsonNode export) {
    return export.get("entries").findParents("payloadSha256").stream()
        .filter(entry -> entry.path("externalId").isTextual()).map(entry -> entry.get("payloadSha256").asText())
        .toList();
  }
}
