package io.chefsache.escalation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.chefsache.support.IncidentDriver.influencerComplaint;
import static io.chefsache.support.IncidentDriver.question;
import static io.chefsache.support.IncidentDriver.shitstorm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.chefsache.notify.OutboundAction;
import io.chefsache.support.OutboundStub;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replies and notifications over HTTP through Camunda Connect, against WireMock: what reaches the
 * platform, what Chefsache keeps, and what a failure does to the incident.
 */
class OutboundCallsTest extends EscalationTestBase {

  private static final String ANSWER = "Das tut uns leid. Wir melden uns per Direktnachricht.";

  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  @AfterEach
  void everyCallSucceeds() {
    OutboundStub.reset();
  }

  @Test
  void aReplyIsPostedToMastodonOnceWithTokenAndIdempotencyKeyAndItsIdIsKept() {
    var incident = driver.open(question(), "mastodon");
    String mentionId = (String) driver.variable(incident, "mentionId");

    driver.complete(incident, "Task_RespondToMention", "mia", reply(ANSWER));

    List<LoggedRequest> posts = posts(OutboundStub.MASTODON_STATUSES);
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).getHeader("Authorization")).isEqualTo("Bearer " + OutboundStub.MASTODON_TOKEN);
    assertThat(posts.get(0).getHeader("Idempotency-Key")).matches("[0-9a-f-]{36}");
    JsonNode status = body(posts.get(0));
    assertThat(status.get("status").asText()).isEqualTo(ANSWER);
    assertThat(status.get("in_reply_to_id").asText()).isEqualTo(mentionId);
    assertThat(incident).isEnded().hasPassed("EndEvent_Resolved");
    OutboundAction reply = driver.outbound(incident).get(0);
    assertThat(reply.status()).isEqualTo(OutboundAction.Status.SENT);
    assertThat(reply.platformRef()).isEqualTo("110000000000000001");
    assertThat(reply.httpStatus()).isEqualTo(200);
    assertThat(reply.idempotencyKey()).isEqualTo(posts.get(0).getHeader("Idempotency-Key"));
    assertThat(levelVariable(incident, "publishedReplyId")).isEqualTo("110000000000000001");
  }

  @Test
  void theCrewSeesTheTemplateInTheMentionsLanguageAndExactlyThatTextIsPublished() {
    var german = driver.open(question(), "mastodon", "Habt ihr am Samstag geöffnet?", null, null);
    var english = driver.open(question(), "mastodon", "Are you open on Saturday?", null, null);
    var declared = driver.open(question(), "mastodon", "Samstag?", null, "en-GB");

    String germanReply = (String) taskVariable(german, "replyText");
    assertThat(taskVariable(german, "mentionLanguage")).as("detected").isEqualTo("de");
    assertThat(germanReply).as("pre-filled, to be read and edited").contains("Danke");
    assertThat((String) taskVariable(german, "otherReplyTemplates")).contains("Öffnungszeiten:", "Montag bis Samstag")
        .doesNotContain("Opening hours");
    assertThat(taskVariable(english, "mentionLanguage")).isEqualTo("en");
    assertThat((String) taskVariable(english, "otherReplyTemplates")).contains("Opening hours:", "Monday to Saturday")
        .doesNotContain("Öffnungszeiten");
    assertThat(taskVariable(declared, "mentionLanguage")).as("declared by the listening tool").isEqualTo("en");

    String englishReply = (String) taskVariable(english, "replyText");
    assertThat(englishReply).startsWith("Thank you");
    driver.complete(german, "Task_RespondToMention", "mia", Map.of("crewDecision", "reply", "replyText", germanReply));
    driver.complete(english, "Task_RespondToMention", "mia", Map.of("crewDecision", "reply", "replyText", englishReply));

    assertThat(posts(OutboundStub.MASTODON_STATUSES)).extracting(post -> body(post).get("status").asText())
        .as("what the platform received").containsExactlyInAnyOrder(germanReply, englishReply);
  }

  private Object taskVariable(ProcessInstance incident, String name) {
    return engine.getTaskService().getVariable(
        driver.task(incident, "Task_RespondToMention").getId(), name);
  }

  @Test
  void otherPlatformsGoThroughTheCompanysGatewayAsJson() {
    var incident = driver.open(question(), "instagram");

    driver.complete(incident, "Task_RespondToMention", "mia", reply(ANSWER));

    List<LoggedRequest> posts = posts(OutboundStub.GATEWAY);
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).getHeader("Authorization")).isEqualTo("Bearer " + OutboundStub.GATEWAY_TOKEN);
    JsonNode action = body(posts.get(0));
    assertThat(action.get("action").asText()).isEqualTo("reply");
    assertThat(action.get("platform").asText()).isEqualTo("instagram");
    assertThat(action.get("incidentKey").asText()).isEqualTo(driver.variable(incident, "incidentKey"));
    assertThat(action.get("text").asText()).isEqualTo(ANSWER);
    assertThat(driver.outbound(incident)).extracting(OutboundAction::platformRef).containsExactly("gw-1");
  }

  @Test
  void a5xxIsRetriedWithTheSameIdempotencyKeyAndTheReplyIsPostedOnce() {
    var incident = driver.open(question(), "mastodon");
    OutboundStub.server().stubFor(post(urlPathEqualTo(OutboundStub.MASTODON_STATUSES)).atPriority(1)
        .inScenario("flaky").whenScenarioStateIs(STARTED).willSetStateTo("up")
        .willReturn(aResponse().withStatus(503).withBody("upstream busy")));
    OutboundStub.server().stubFor(post(urlPathEqualTo(OutboundStub.MASTODON_STATUSES)).atPriority(1)
        .inScenario("flaky").whenScenarioStateIs("up").willReturn(okJson("{\"id\":\"110000000000000042\"}")));
    String taskId = completeByHand(incident);

    Job publish = driver.job(incident, "Task_PublishReply");
    assertThatThrownBy(() -> engine.getManagementService().executeJob(publish.getId()))
        .hasMessageContaining("HTTP 503").hasMessageContaining("upstream busy");

    Job retry = driver.job(incident, "Task_PublishReply");
    assertThat(retry.getDuedate().toInstant()).as("next attempt after the configured cycle R2/PT1M")
        .isCloseTo(Instant.now().plusSeconds(60), within(15, ChronoUnit.SECONDS));
    assertThat(crewTaskStillCompleted(taskId)).isTrue();

    driver.runJobs(incident.getId());
    engine.getManagementService().executeJob(retry.getId());

    List<LoggedRequest> posts = posts(OutboundStub.MASTODON_STATUSES);
    assertThat(posts).hasSize(2);
    assertThat(posts.get(1).getHeader("Idempotency-Key")).isEqualTo(posts.get(0).getHeader("Idempotency-Key"));
    assertThat(driver.outbound(incident)).extracting(OutboundAction::kind, OutboundAction::platformRef)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(OutboundAction.Kind.REPLY, "110000000000000042"));
    assertThat(incident).isEnded();
  }

  @Test
  void aPlatformThatDoesNotAnswerInTimeFailsTheAttemptNotTheCrewsWork() {
    var incident = driver.open(question(), "mastodon");
    OutboundStub.server().stubFor(post(urlPathEqualTo(OutboundStub.MASTODON_STATUSES)).atPriority(1)
        .inScenario("slow").whenScenarioStateIs(STARTED).willSetStateTo("fast")
        .willReturn(okJson("{\"id\":\"late\"}").withFixedDelay(3_000)));
    String taskId = completeByHand(incident);

    Job publish = driver.job(incident, "Task_PublishReply");
    assertThatThrownBy(() -> engine.getManagementService().executeJob(publish.getId()))
        .hasMessageContaining("No answer from").hasMessageContaining("within PT1S");

    assertThat(crewTaskStillCompleted(taskId)).isTrue();
    assertThat(driver.outbound(incident)).isEmpty();
    engine.getManagementService().executeJob(publish.getId());
    assertThat(driver.outbound(incident)).extracting(OutboundAction::platformRef).containsExactly("110000000000000001");
    assertThat(posts(OutboundStub.MASTODON_STATUSES)).extracting(request -> request.getHeader("Idempotency-Key"))
        .hasSize(2).containsOnly(posts(OutboundStub.MASTODON_STATUSES).get(0).getHeader("Idempotency-Key"));
  }

  @Test
  void whenTheRetriesAreUsedUpCockpitShowsAnIncidentAndTheReplyWaits() {
    var incident = driver.open(question(), "mastodon");
    OutboundStub.server().stubFor(post(urlPathEqualTo(OutboundStub.MASTODON_STATUSES)).atPriority(1)
        .willReturn(aResponse().withStatus(502).withBody("bad gateway")));
    completeByHand(incident);

    int attempts = 0;
    Job publish = driver.job(incident, "Task_PublishReply");
    while (publish.getRetries() > 0) {
      String id = publish.getId();
      assertThatThrownBy(() -> engine.getManagementService().executeJob(id)).hasMessageContaining("HTTP 502");
      attempts++;
      publish = driver.job(incident, "Task_PublishReply");
    }

    assertThat(attempts).as("R2: two attempts in all").isEqualTo(2);
    assertThat(posts(OutboundStub.MASTODON_STATUSES)).hasSize(2);
    Incident cockpit = engine.getRuntimeService().createIncidentQuery().incidentType(Incident.FAILED_JOB_HANDLER_TYPE)
        .processInstanceId(driver.level(incident).getId()).singleResult();
    assertThat(cockpit.getActivityId()).isEqualTo("Task_PublishReply");
    assertThat(cockpit.getIncidentMessage()).contains("HTTP 502");
    assertThat(driver.level(incident)).isWaitingAt("Task_PublishReply");
  }

  @Test
  void aReplyThePlatformRefusesGoesBackToTheCrewWithItsMessageAndIsNotRetried() {
    var incident = driver.open(question(), "mastodon");
    OutboundStub.server().stubFor(post(urlPathEqualTo(OutboundStub.MASTODON_STATUSES)).atPriority(1)
        .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}")));

    driver.complete(incident, "Task_RespondToMention", "mia", reply(ANSWER));

    var again = driver.task(incident, "Task_RespondToMention");
    assertThat(engine.getTaskService().getVariable(again.getId(), "platformRejection"))
        .isEqualTo("Validation failed: Text character limit of 500 exceeded");
    assertThat(posts(OutboundStub.MASTODON_STATUSES)).hasSize(1);
    assertThat(driver.outbound(incident)).extracting(OutboundAction::status, OutboundAction::httpStatus)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(OutboundAction.Status.REJECTED, 422));
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(driver.level(incident).getId())
        .count()).isZero();
  }

  @Test
  void managementIsToldInItsChatWhenAnIncidentReachesLevel2() {
    var incident = driver.open(influencerComplaint());

    JsonNode message = body(single(OutboundStub.chatPath("management")));
    String key = (String) driver.variable(incident, "incidentKey");
    assertThat(message.get("text").asText())
        .startsWith("*Stufe 2: Direkter Draht zur Geschäftsleitung* – Vorfall " + key)
        .contains("Stufe 2 (Direkter Draht zur Geschäftsleitung): " + driver.variable(incident, "levelCause"))
        .contains("|Tasklist öffnen>")
        .contains("<" + baseUrl() + "/camunda/app/tasklist/default/|")
        .contains("<" + baseUrl() + "/audit/incident?key=" + key.replace(":", "%3A") + "|Verlauf des Vorfalls>");
    assertThat(posts(OutboundStub.chatPath("crisis-team"))).isEmpty();
  }

  @Test
  void aMissedResponseDeadlineRaisesTheLevelAndTellsManagementWhy() {
    var incident = driver.open(question());
    assertThat(posts(OutboundStub.chatPath("management"))).isEmpty();

    driver.fireTimer(incident, "BoundaryEvent_ResponseOverdue");

    assertThat(driver.variable(incident, "levelCauseType")).isEqualTo("deadline");
    assertThat(body(single(OutboundStub.chatPath("management"))).get("text").asText())
        .contains("Stufe 2").contains((String) driver.variable(incident, "levelCause"));
  }

  @Test
  void managementsReminderLinksTheOpenTaskAndTheRecordAndTheOverdueDecisionIsAnnouncedToTheApprovers() {
    var incident = driver.open(influencerComplaint());
    driver.complete(incident, "Task_ProposeReply", "mia", Map.of("proposedReply", ANSWER));
    var decision = driver.task(incident, "Task_DecideOnReply");

    driver.fireTimer(incident, "BoundaryEvent_DecisionReminder");

    assertThat(body(posts(OutboundStub.chatPath("management")).get(1)).get("text").asText())
        .startsWith("*Entscheidung der Geschäftsleitung steht aus*")
        .contains("<" + baseUrl() + "/camunda/app/tasklist/default/#/?task=" + decision.getId() + "|Aufgabe öffnen: "
            + decision.getName() + ">")
        .endsWith(" · <" + baseUrl() + "/audit/incident?key=" + incident.getBusinessKey().replace(":", "%3A")
            + "|Verlauf des Vorfalls>");

    driver.fireTimer(incident, "BoundaryEvent_DecisionOverdue");

    assertThat(body(single(OutboundStub.chatPath("crisis-approvers"))).get("text").asText())
        .startsWith("*Entscheidung der Geschäftsleitung überfällig: Stufe 3, der Krisenstab übernimmt*")
        .as("the audit pages are for management and auditors").doesNotContain("Verlauf des Vorfalls");
  }

  @Test
  void theCrisisTeamIsAlertedAtLevel3AndOnEveryStatusUpdateDue() {
    var incident = driver.open(shitstorm());
    assertThat(body(single(OutboundStub.chatPath("crisis-team"))).get("text").asText()).startsWith("*Stufe 3: Krise*");

    driver.fireTimer(incident, "BoundaryEvent_StatusUpdateDue");

    var statusUpdate = driver.task(incident, "Task_PostStatusUpdate");
    assertThat(body(posts(OutboundStub.chatPath("crisis-team")).get(1)).get("text").asText())
        .startsWith("*Öffentliches Status-Update fällig*")
        .contains("#/?task=" + statusUpdate.getId() + "|Aufgabe öffnen: Öffentliches Status-Update schreiben>");
  }

  @Test
  void aChatOutageDoesNotHoldUpTheCrisisPlan() {
    OutboundStub.server().stubFor(post(urlPathEqualTo(OutboundStub.chatPath("management"))).atPriority(1)
        .willReturn(aResponse().withStatus(500)));

    assertThatThrownBy(() -> driver.open(influencerComplaint())).hasMessageContaining("HTTP 500");

    var notification = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("ChatNotification")
        .singleResult();
    var incident = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("IncidentEscalationProcess").processInstanceBusinessKey(notification.getBusinessKey())
        .singleResult();
    driver.runJobs(incident.getId());
    assertThat(driver.task(incident, "Task_ProposeReply").getDueDate()).isNotNull();
    assertThat(notification).isWaitingAt("Task_PostToChat");
    assertThat(driver.job(incident, "Task_PostToChat").getRetries()).as("one attempt left of R2").isEqualTo(1);
    assertThat(driver.outbound(incident)).isEmpty();
  }

  private Map<String, Object> reply(String text) {
    return Map.of("crewDecision", "reply", "replyTemplate", "", "replyText", text);
  }

  private String completeByHand(ProcessInstance incident) {
    var task = driver.task(incident, "Task_RespondToMention");
    engine.getTaskService().claim(task.getId(), "mia");
    engine.getTaskService().complete(task.getId(), reply(ANSWER));
    return task.getId();
  }

  private boolean crewTaskStillCompleted(String taskId) {
    return engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).finished().count() == 1
        && engine.getTaskService().createTaskQuery().taskId(taskId).count() == 0;
  }

  private Object levelVariable(ProcessInstance incident, String name) {
    String level = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .superProcessInstanceId(incident.getId()).singleResult().getId();
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(level)
        .variableName(name).singleResult().getValue();
  }

  private static List<LoggedRequest> posts(String path) {
    return OutboundStub.server().findAll(postRequestedFor(urlPathEqualTo(path)));
  }

  private static LoggedRequest single(String path) {
    List<LoggedRequest> posts = posts(path);
    assertThat(posts).as("posts to " + path).hasSize(1);
    return posts.get(0);
  }

  private JsonNode body(LoggedRequest request) {
    try {
      return json.readTree(request.getBodyAsString());
    } catch (Exception notJson) {
      throw new AssertionError("not JSON: " + request.getBodyAsString(), notJson);
    }
  }

  private static String baseUrl() {
    return "https://chefsache.example";
  }
}
