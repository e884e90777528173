package io.chefsache.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.audit.TimelineEntry.Type;
import io.chefsache.escalation.IncidentProcess;
import io.chefsache.notify.OutboundActions;
import io.chefsache.replay.SignedMentionSender;
import io.chefsache.support.IncidentDriver;
import io.chefsache.support.MentionJson;
import io.chefsache.support.OutboundStub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Two complete incidents on a database of their own, so every figure is known: one at level 2
 * (mentions through the signed intake, triage, a proposal, a late management approval, the reply
 * published, the post-incident review) and one at level 1 answered by the crew. The timeline,
 * the period's figures and the exports must tell exactly that story.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@ContextConfiguration(initializers = OutboundStub.class)
@Import(IncidentDriver.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditIT {

  private static final String PROPOSAL = "Das tut uns leid. Bitte schicken Sie uns die Auftragsnummer.";
  private static final String HOSTILE = "<script>alert(1)</script> Gabel gebrochen!";

  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentDriver driver;
  @Autowired
  IncidentTimeline timelines;
  @Autowired
  AuditFigures figures;
  @Autowired
  AuditExports exports;
  @Autowired
  OutboundActions outbound;
  @Autowired
  JdbcTemplate jdbc;
  @LocalServerPort
  int port;

  private final ObjectMapper json = new ObjectMapper();
  private final List<String> payloads = new java.util.ArrayList<>();
  private String crisisKey;
  private String questionKey;
  private Instant started;

  @BeforeAll
  void twoIncidents() throws Exception {
    started = Instant.now();
    SignedMentionSender sender = MentionJson.demoSender(port);
    String thread = MentionJson.uniqueThread("broken-fork");
    ProcessInstance incident = null;
    for (int i = 0; i < 5; i++) {
      MentionJson mention = MentionJson.mention(thread).with("sentiment", -0.5 - i * 0.1)
          .with("topics", List.of("customer-service"))
          .with("author", Map.of("handle", "@kunde" + i, "followers", 60_000 * (i + 1), "verified", false));
      if (i == 4) {
        mention.with("text", HOSTILE);
      }
      payloads.add(mention.json());
      JsonNode accepted = json.readTree(sender.send(mention.json()).body());
      crisisKey = accepted.get("incidentKey").asText();
      incident = driver.instance(accepted.get("processInstanceId").asText());
    }
    // The intake's reporter hands the later mentions to the process; then the driver runs its jobs
    String key = crisisKey;
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
        "select reported_count from incident where incident_key = ?", Long.class, key) == 5);
    driver.runJobs(incident.getId());
    driver.complete(incident, "Task_ProposeReply", "mia", Map.of("proposedReply", PROPOSAL, "proposalNote", "Video echt"));
    var decision = driver.task(incident, "Task_DecideOnReply");
    // As if management had answered seven minutes after the deadline
    decision.setDueDate(Date.from(Instant.now().minus(Duration.ofMinutes(7))));
    engine.getTaskService().saveTask(decision);
    driver.complete(incident, "Task_DecideOnReply", "sabine",
        Map.of("managementDecision", "approve", "decisionReason", "Fakten stimmen"));
    driver.complete(incident, "Task_PostIncidentReview", "sabine",
        Map.of("lessonsLearned", "Schneller freigeben", "crisisPlanChangeNeeded", false));

    String questionThread = MentionJson.uniqueThread("opening-hours");
    JsonNode question = json.readTree(sender.send(MentionJson.mention(questionThread).json()).body());
    questionKey = question.get("incidentKey").asText();
    var level1 = driver.instance(question.get("processInstanceId").asText());
    driver.runJobs(level1.getId());
    driver.complete(level1, "Task_RespondToMention", "jonas",
        Map.of("crewDecision", "reply", "replyTemplate", "", "replyText", "Samstags 10 bis 16 Uhr."));
  }

  @Test
  void theTimelineTellsWhoKnewWhatWhenAndWhy() {
    List<TimelineEntry> entries = timelines.of(crisisKey, Locale.ENGLISH, ZoneOffset.UTC).orElseThrow().entries();

    assertThat(entries).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    assertThat(only(entries, Type.INCIDENT_OPENED, "opened").at()).isBefore(only(entries, Type.DECISION, "(Vorfall einstufen)").at());
    assertThat(entries.get(entries.size() - 1).type()).isEqualTo(Type.INCIDENT_CLOSED);
    assertThat(entries.stream().filter(entry -> entry.type() == Type.MENTIONS)
        .mapToInt(entry -> (Integer) entry.details().get("count")).sum()).isEqualTo(5);

    TimelineEntry first = only(entries, Type.MENTION, "first mention:");
    assertThat(first.details().get("payloadSha256")).isEqualTo(HashChain.sha256(payloads.get(0)));
    assertThat(only(entries, Type.MENTION, HOSTILE).actor()).isEqualTo("@kunde4");
    assertThat(only(entries, Type.MENTION, HOSTILE).details()).containsEntry("text", HOSTILE)
        .containsEntry("why", List.of("highestReach", "lowestSentiment"));

    TimelineEntry triage = only(entries, Type.DECISION, "Triage (Vorfall einstufen)");
    assertThat(entries).filteredOn(entry -> entry.summary().startsWith("Triage (Vorfall neu einstufen)"))
        .as("re-triage of the later mentions").isNotEmpty();
    assertThat(triage.summary()).contains("level 2 because Verfasser:in mit 50.000 oder mehr Reichweite");
    assertThat(triage.details().get("inputs").toString()).contains("Höchste Reichweite einer Verfasser:in")
        .contains("customer-service");

    TimelineEntry level = only(entries, Type.LEVEL_CHANGE, "Level 2");
    assertThat(level.details()).containsEntry("levelCauseType", "triage").containsEntry("level", 2);
    assertThat(level.at()).isAfterOrEqualTo(triage.at());

    assertThat(only(entries, Type.TASK_CLAIMED, "Antwort vorschlagen").actor()).isEqualTo("mia");
    TimelineEntry proposal = only(entries, Type.TASK_COMPLETED, "Antwort vorschlagen");
    assertThat(proposal.actor()).isEqualTo("mia");
    assertThat(proposal.details().get("form")).isEqualTo(Map.of("proposedReply", PROPOSAL, "proposalNote", "Video echt"));
    TimelineEntry approval = only(entries, Type.TASK_COMPLETED, "Über Antwort entscheiden");
    assertThat(approval.actor()).isEqualTo("sabine");
    assertThat(approval.details().get("form").toString()).contains("managementDecision=approve");

    assertThat(only(entries, Type.DEADLINE, "Antwort vorschlagen").details()).containsEntry("state", "met");
    TimelineEntry late = only(entries, Type.DEADLINE, "Über Antwort entscheiden");
    assertThat(late.details()).containsEntry("state", "missed");
    assertThat(late.summary()).containsPattern("missed by [78] min");

    TimelineEntry reply = only(entries, Type.REPLY, "Reply on facebook");
    assertThat(reply.details()).containsEntry("text", PROPOSAL).containsEntry("status", "SENT")
        .containsEntry("platformRef", "gw-1").containsEntry("httpStatus", 200);
    assertThat(reply.at()).isAfterOrEqualTo(approval.at());
    assertThat(only(entries, Type.NOTIFY, "Geschäftsleitung").details()).containsEntry("status", "SENT");
    assertThat(only(entries, Type.TASK_COMPLETED, "Nachbetrachtung des Vorfalls").details().get("form").toString())
        .contains("Schneller freigeben");
  }

  @Test
  void theTimelineSpeaksTheViewersLanguageWithTheSameEvidence() {
    List<TimelineEntry> english = timelines.of(crisisKey, Locale.ENGLISH, ZoneOffset.UTC).orElseThrow().entries();
    List<TimelineEntry> german = timelines.of(crisisKey, Locale.GERMAN, ZoneOffset.UTC).orElseThrow().entries();

    assertThat(german).extracting(TimelineEntry::at, TimelineEntry::type, TimelineEntry::actor, TimelineEntry::details)
        .isEqualTo(english.stream().map(entry -> tuple(entry.at(), entry.type(), entry.actor(), entry.details()))
            .toList());
    assertThat(only(german, Type.MENTION, "erste Erwähnung:").summary()).isEqualTo(
        only(english, Type.MENTION, "first mention:").summary().replace("first mention", "erste Erwähnung"));
    assertThat(only(german, Type.DEADLINE, "Über Antwort entscheiden").summary())
        .containsPattern("Frist von „Über Antwort entscheiden“ um [78] min verpasst");
    assertThat(only(german, Type.LEVEL_CHANGE, "Stufe 2").summary()).contains("Direkter Draht zur Geschäftsleitung");
    assertThat(only(german, Type.REPLY, "Antwort auf facebook").summary()).contains("gesendet");
  }

  @Test
  void theTimelineNamesTheIntakeAndTheDeliveryThatOpenedTheIncident() throws Exception {
    String firstExternalId = json.readTree(payloads.get(0)).get("externalId").asText();
    String delivery = jdbc.queryForObject("select webhook_id from mention where platform = ? and external_id = ?",
        String.class, "facebook", firstExternalId);

    TimelineEntry opened = only(timelines.of(crisisKey, Locale.ENGLISH, ZoneOffset.UTC).orElseThrow().entries(), Type.INCIDENT_OPENED, "opened");
    assertThat(opened.actor()).isEqualTo("chefsache-intake");
    assertThat(opened.details()).containsEntry("webhookId", delivery);
    assertThat(only(timelines.of(questionKey, Locale.ENGLISH, ZoneOffset.UTC).orElseThrow().entries(), Type.INCIDENT_OPENED, "opened").actor())
        .isEqualTo("chefsache-intake");
  }

  @Test
  void theFiguresOfThePeriodShowWhereThePlanStalled() {
    var period = figures.of(started.minus(1, ChronoUnit.MINUTES), Instant.now().plus(1, ChronoUnit.MINUTES));

    assertThat(period.incidents()).isEqualTo(2);
    assertThat(period.perLevel()).containsEntry("crew", 1L).containsEntry("management", 1L)
        .containsEntry("crisis", 0L).containsEntry("observe", 0L);
    assertThat(period.firstResponse().count()).isEqualTo(2);
    assertThat(period.firstResponse().p90()).isGreaterThanOrEqualTo(period.firstResponse().median());
    assertThat(period.managementDecision().count()).isEqualTo(1);
    assertThat(period.deadlines()).extracting(AuditFigures.Step::level, AuditFigures.Step::task,
            AuditFigures.Step::due, AuditFigures.Step::missed)
        .contains(org.assertj.core.groups.Tuple.tuple(1, "Task_RespondToMention", 1, 0),
            org.assertj.core.groups.Tuple.tuple(2, "Task_ProposeReply", 1, 0),
            org.assertj.core.groups.Tuple.tuple(2, "Task_DecideOnReply", 1, 1));
    assertThat(period.missed()).isEqualTo(1);
    assertThat(period.deadlines()).filteredOn(step -> step.task().equals("Task_DecideOnReply"))
        .extracting(AuditFigures.Step::group).containsExactly("Geschäftsleitung (direkter Draht)");
    assertThat(period.perPersonFigures()).as("works-council mode by default").isFalse();
    assertThat(period.perPerson()).isEmpty();

    var perPerson = figures.of(started.minus(1, ChronoUnit.MINUTES), Instant.now().plus(1, ChronoUnit.MINUTES), true);
    assertThat(perPerson.perPerson()).extracting(AuditFigures.Person::user, AuditFigures.Person::late)
        .contains(org.assertj.core.groups.Tuple.tuple("sabine", 1), org.assertj.core.groups.Tuple.tuple("mia", 0));
  }

  @Test
  void anExportVerifiesAndAnyChangeToItIsDetected(@TempDir Path folder) throws Exception {
    AuditExport export = exports.incident(crisisKey, "ines");
    byte[] original = AuditExports.json(export);

    assertThat(ExportVerifier.verify(original)).isEqualTo(
        new ExportVerifier.Result(true, export.entries().size(), export.head(), null));
    assertThat(exports.anchors()).extracting(AuditExports.Anchor::exportId, AuditExports.Anchor::head)
        .contains(org.assertj.core.groups.Tuple.tuple(export.exportId(), export.head()));
    JsonNode mentions = json.readTree(original).get("entries").findParents("payloadSha256").get(0);
    assertThat(mentions.toString()).contains(HashChain.sha256(payloads.get(0)));

    String softened = new String(original, StandardCharsets.UTF_8).replace("verpasst", "eingehalten");
    ExportVerifier.Result changed = ExportVerifier.verify(softened.getBytes(StandardCharsets.UTF_8));
    assertThat(changed.valid()).isFalse();
    assertThat(changed.problem()).matches("entry \\d+ was changed: its content does not give its hash");

    byte[] csv = AuditExports.csv(export);
    assertThat(ExportVerifier.verify(csv).head()).isEqualTo(export.head());
    List<String> lines = new String(csv, StandardCharsets.UTF_8).lines().toList();
    String withoutOneEntry = String.join("\n", lines.subList(0, 3)) + "\n" + String.join("\n", lines.subList(4, lines.size()));
    assertThat(ExportVerifier.verify(withoutOneEntry.getBytes(StandardCharsets.UTF_8)).problem())
        .isEqualTo("entry 4 does not follow the entry before it");

    Path file = folder.resolve("export.json");
    Files.write(file, softened.getBytes(StandardCharsets.UTF_8));
    var out = new ByteArrayOutputStream();
    assertThat(VerifyExport.run(new String[] {file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8)))
        .isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("CHANGED: entry ");
  }

  @Test
  void aPeriodExportChainsEveryIncidentOfThePeriod() throws Exception {
    var json = new ByteArrayOutputStream();
    var csv = new ByteArrayOutputStream();
    Instant from = started.minus(1, ChronoUnit.MINUTES);
    Instant to = Instant.now().plus(1, ChronoUnit.MINUTES);
    AuditExports.Written asJson = exports.period(from, to, "ines", "json", json);
    AuditExports.Written asCsv = exports.period(from, to, "ines", "csv", csv);

    assertThat(new ObjectMapper().readTree(json.toByteArray()).get("entries")).extracting(entry ->
        entry.get("incidentKey").asText()).containsOnly(crisisKey, questionKey);
    assertThat(ExportVerifier.verify(json.toByteArray())).extracting(ExportVerifier.Result::valid,
        ExportVerifier.Result::head).containsExactly(true, asJson.head());
    assertThat(ExportVerifier.verify(csv.toByteArray())).extracting(ExportVerifier.Result::valid,
        ExportVerifier.Result::head).containsExactly(true, asCsv.head());
    assertThat(outbound.actionsOf(questionKey)).hasSize(1);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(IncidentProcess.PROCESS_KEY).finished().count()).isEqualTo(2);
  }

  private static TimelineEntry only(List<TimelineEntry> entries, Type type, String summaryPart) {
    List<TimelineEntry> found = entries.stream()
        .filter(entry -> entry.type() == type && entry.summary().contains(summaryPart)).toList();
    assertThat(found).as(type + " containing " + summaryPart + " in " + entries).hasSize(1);
    return found.get(0);
  }
}
