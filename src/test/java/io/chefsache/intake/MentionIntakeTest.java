package io.chefsache.intake;

import static io.chefsache.support.MentionJson.mention;
import static io.chefsache.support.MentionJson.uniqueThread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.replay.ReplayCommand;
import io.chefsache.replay.SignedMentionSender;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.IncidentDriver;
import io.chefsache.support.MentionJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The intake's HTTP contract, over a real port. */
@ChefsacheTest
class MentionIntakeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  IncidentDriver driver;
  @Autowired
  ApplicationContext context;

  SignedMentionSender sender;

  @BeforeEach
  void sender() {
    sender = MentionJson.demoSender(port);
  }

  @Test
  void theFirstMentionOfAThreadOpensAnIncidentAndIsCommittedWhenAnswered() throws Exception {
    String thread = uniqueThread("post");
    var mention = mention(thread);

    var response = sender.send(mention.json());

    assertThat(response.status()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("incidentKey").asText()).isEqualTo("facebook:" + thread);
    assertThat(body.get("duplicate").asBoolean()).isFalse();
    assertThat(body.get("mentionId").asText()).isNotBlank();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("facebook:" + thread)
        .singleResult().getId()).isEqualTo(body.get("processInstanceId").asText());
    assertThat(jdbc.queryForObject("select text from mention where id = ?", String.class,
        body.get("mentionId").asText())).isEqualTo("Wann kommt meine Bestellung?");
  }

  @Test
  void aLongFirstMentionOpensItsIncidentWithTheWholeTextStoredAndTheFormShowingItsBeginning() throws Exception {
    String thread = uniqueThread("long");
    String text = "Gabel gebrochen. ".repeat(588);

    var response = sender.send(mention(thread).with("text", text).json());

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.body());
    assertThat(jdbc.queryForObject("select text from mention where id = ?", String.class,
        body.get("mentionId").asText())).isEqualTo(text);
    String shown = (String) runtimeService.getVariable(body.get("processInstanceId").asText(), "mentionText");
    assertThat(shown).hasSize(4_000).endsWith("…");
    assertThat(text).startsWith(shown.substring(0, 3_999));
  }

  @Test
  void theAnswerIsSentWholeWithItsLength() throws Exception {
    String json = mention(uniqueThread("post")).json();

    var response = post(json, signed("msg_length_" + System.nanoTime(), json));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValueAsLong("Content-Length"))
        .hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.has("level")).as("no level while the first triage runs").isFalse();
    assertThat(body.get("processInstanceId").asText()).isNotBlank();
  }

  @Test
  void whileTheApplicationStartsOrStopsNothingIsStoredAndTheSenderIsToldToRetry() throws Exception {
    String thread = uniqueThread("starting");
    String json = mention(thread).json();
    HttpResponse<String> refused;
    AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
    try {
      refused = post(json, signed("msg_starting_" + System.nanoTime(), json));
    } finally {
      AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(mentionsOf("facebook:" + thread)).isZero();
    assertThat(sender.send(json).status()).as("delivered again once ready").isEqualTo(202);
  }

  @Test
  void laterMentionsJoinTheIncidentOfTheirThread() throws Exception {
    String thread = uniqueThread("post");
    JsonNode first = JSON.readTree(sender.send(mention(thread).json()).body());

    var second = sender.send(mention(thread).json());

    assertThat(second.status()).isEqualTo(202);
    JsonNode body = JSON.readTree(second.body());
    assertThat(body.get("processInstanceId").asText()).isEqualTo(first.get("processInstanceId").asText());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("facebook:" + thread).count())
        .isEqualTo(1);
    assertThat(mentionsOf("facebook:" + thread)).isEqualTo(2);
  }

  @Test
  void newActivityOnAClosedIncidentOpensItAgain() throws Exception {
    String thread = uniqueThread("again");
    String key = "facebook:" + thread;
    String first = JSON.readTree(sender.send(mention(thread).json()).body()).get("processInstanceId").asText();
    driver.runJobs(first);
    driver.complete(driver.instance(first), "Task_RespondToMention", "mia",
        Map.of("crewDecision", "close", "closeReason", "Answered by phone"));
    assertThat(driver.instance(first)).isNull();

    assertThat(sender.send(mention(thread).json()).status()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).processDefinitionKey(
            "IncidentEscalationProcess").count()).isEqualTo(1));
    String reopened = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key)
        .processDefinitionKey("IncidentEscalationProcess").singleResult().getId();
    assertThat(reopened).isNotEqualTo(first);
    assertThat(runtimeService.getVariable(reopened, "mentionCount")).isEqualTo(2L);
    assertThat(jdbc.queryForObject("select process_instance_id from incident where incident_key = ?", String.class,
        key)).isEqualTo(reopened);
  }

  @Test
  void mentionsAnotherNodeStoredButDidNotReportReachTheProcessWithTheSweep() throws Exception {
    String thread = uniqueThread("sweep");
    String key = "facebook:" + thread;
    String incident = JSON.readTree(sender.send(mention(thread).json()).body()).get("processInstanceId").asText();

    // committed by a node that stopped before its reporter's next round: this node never heard of it
    jdbc.update("""
        insert into mention (id, webhook_id, platform, external_id, incident_key, text, created_at, received_at,
          sentiment, topics, payload_sha256)
        values (?, ?, 'facebook', ?, ?, 'Noch da?', current_timestamp, current_timestamp, -0.5, '', ?)""",
        UUID.randomUUID().toString(), "msg_" + thread, thread + "-other-node", key, "0".repeat(64));

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      assertThat(runtimeService.getVariable(incident, "mentionCount")).isEqualTo(2L);
      assertThat(runtimeService.getVariable(incident, "negativeMentions60m")).isEqualTo(2L);
    });
  }

  @Test
  void theThreadDefaultsToTheMentionItself() throws Exception {
    var mention = mention("ignored").without("threadId");

    JsonNode body = JSON.readTree(sender.send(mention.json()).body());

    assertThat(body.get("incidentKey").asText()).isEqualTo("facebook:" + mention.externalId());
  }

  @Test
  void theSameMentionAgainIsADuplicateWithoutSecondEffect() throws Exception {
    String thread = uniqueThread("post");
    var mention = mention(thread);
    JsonNode first = JSON.readTree(sender.send(mention.json()).body());

    var again = sender.send(mention.json());

    assertThat(again.status()).isEqualTo(200);
    JsonNode body = JSON.readTree(again.body());
    assertThat(body.get("duplicate").asBoolean()).isTrue();
    assertThat(body.get("mentionId").asText()).isEqualTo(first.get("mentionId").asText());
    assertThat(mentionsOf("facebook:" + thread)).isEqualTo(1);
  }

  @Test
  void aRedeliveredWebhookIsADuplicateToo() throws Exception {
    String thread = uniqueThread("post");
    sender.send(mention(thread).json(), "msg_redelivered_" + thread, Instant.now());

    var again = sender.send(mention(thread).json(), "msg_redelivered_" + thread, Instant.now());

    assertThat(again.status()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("duplicate").asBoolean()).isTrue();
    assertThat(mentionsOf("facebook:" + thread)).isEqualTo(1);
  }

  @Test
  void everyInvalidFieldIsListed() throws Exception {
    var mention = mention(uniqueThread("post"))
        .with("platform", "Face Book!")
        .with("externalId", "")
        .with("text", "x".repeat(10_001))
        .with("createdAt", "yesterday")
        .with("sentiment", -1.5)
        .with("url", "javascript:alert(1)")
        .with("topics", List.of("product-safety", "NOT A TOPIC"))
        .with("language", "<script>")
        .with("author", Map.of("handle", "@a\u202Egnp.exe", "followers", 10));

    var response = sender.send(mention.json());

    assertThat(response.status()).isEqualTo(400);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("title").asText()).isEqualTo("Invalid mention");
    assertThat(problem.get("errors").findValuesAsText("field"))
        .containsExactly("author.handle", "createdAt", "externalId", "language", "platform", "sentiment", "text",
            "topics[1]", "url");
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
    assertThat(jdbc.queryForObject("select count(*) from mention where external_id = ''", Long.class)).isZero();
  }

  @Test
  void aLanguageTagOfThousandsOfSubtagsIsInvalidNotAnError() throws Exception {
    var response = sender.send(mention(uniqueThread("post")).with("language", "de" + "-a".repeat(2_000)).json());

    assertThat(response.status()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("errors").findValuesAsText("field")).containsOnly("language");
  }

  @Test
  void missingRequiredFieldsAreListed() throws Exception {
    var response = sender.send("{\"platform\":\"x\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("errors").findValuesAsText("field"))
        .containsExactly("createdAt", "externalId", "text");
  }

  @Test
  void aFieldOfTheWrongTypeIsNamed() throws Exception {
    var response = sender.send(mention(uniqueThread("post")).with("sentiment", "very bad").json());

    assertThat(response.status()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("errors").findValuesAsText("field")).containsExactly("sentiment");
  }

  @Test
  void brokenJsonIsABadRequest() throws Exception {
    var response = sender.send("{\"platform\": ");

    assertThat(response.status()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("errors").findValuesAsText("field")).containsExactly("body");
  }

  @Test
  void aTextOfOnlyWhiteSpaceIsInvalid() throws Exception {
    String json = mention(uniqueThread("post")).with("text", " \n\t\u00a0 ").json();

    var response = post(json, signed("msg_blank_" + System.nanoTime(), json));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(response.body()).get("errors").findValuesAsText("field")).containsExactly("text");
  }

  @Test
  void idsThatCannotBeAddressedAndTextWithANulCharacterAreInvalid() throws Exception {
    for (var invalid : List.of(
        Map.entry("threadId", ".."), Map.entry("threadId", "post/../other"), Map.entry("threadId", "a\u0000b"),
        Map.entry("externalId", "./x"), Map.entry("text", "Hallo\u0000"))) {
      String json = mention(uniqueThread("post")).with(invalid.getKey(), invalid.getValue()).json();

      var response = post(json, signed("msg_unaddressable_" + System.nanoTime(), json));

      assertThat(response.statusCode()).as(invalid.toString()).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("errors").findValuesAsText("field")).as(invalid.toString())
          .containsExactly(invalid.getKey());
    }
    String json = mention(uniqueThread("post") + "/.../a..b").json();
    assertThat(post(json, signed("msg_dots_" + System.nanoTime(), json)).statusCode())
        .as("dots inside a segment are fine").isEqualTo(202);
  }

  @Test
  void aSignedBodyThatIsNotUtf8IsABadRequest() throws Exception {
    byte[] json = mention(uniqueThread("post")).json().replace("Wann", "W\u00e4nn").getBytes(StandardCharsets.ISO_8859_1);
    String id = "msg_latin1_" + System.nanoTime();
    long now = Instant.now().getEpochSecond();
    var hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(Base64.getDecoder().decode(ReplayCommand.DEMO_SECRET.substring("whsec_".length())),
        "HmacSHA256"));
    hmac.update((id + "." + now + ".").getBytes(StandardCharsets.UTF_8));
    String signature = "v1," + Base64.getEncoder().encodeToString(hmac.doFinal(json));

    var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/api/mentions"))
            .header("Content-Type", "application/json").header("webhook-id", id)
            .header("webhook-timestamp", String.valueOf(now)).header("webhook-signature", signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(response.body()).get("errors").findValuesAsText("field")).containsExactly("body");
    assertThat(jdbc.queryForObject("select count(*) from mention where webhook_id = ?", Long.class, id)).isZero();
  }

  @Test
  void unsignedWrongAndExpiredDeliveriesAreRefused() throws Exception {
    String json = mention(uniqueThread("post")).json();
    var wrongSecret = new SignedMentionSender(URI.create("http://localhost:" + port),
        "whsec_" + java.util.Base64.getEncoder().encodeToString("some-other-secret-1234567890".getBytes()));

    var unsigned = post(json, Map.of());
    var wrong = wrongSecret.send(json);
    var expired = sender.send(json, "msg_old", Instant.now().minusSeconds(6 * 60));
    var future = sender.send(json, "msg_future", Instant.now().plusSeconds(6 * 60));

    assertThat(List.of(unsigned.statusCode(), wrong.status(), expired.status(), future.status()))
        .containsOnly(401);
    assertThat(JSON.readTree(expired.body()).get("title").asText()).isEqualTo("Invalid webhook signature");
    assertThat(jdbc.queryForObject("select count(*) from mention where webhook_id in ('msg_old', 'msg_future')",
        Long.class)).isZero();
  }

  @Test
  void aSignatureAmongSeveralIsEnough() throws Exception {
    String json = mention(uniqueThread("post")).json();
    Map<String, String> headers = signed("msg_rotation_" + System.nanoTime(), json);

    var response = post(json, Map.of("webhook-id", headers.get("webhook-id"),
        "webhook-timestamp", headers.get("webhook-timestamp"),
        "webhook-signature", "v1,c29tZXRoaW5nIGVsc2U= " + headers.get("webhook-signature")));

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  void aSignatureOverOtherBytesIsRefused() throws Exception {
    String json = mention(uniqueThread("post")).json();

    var response = post(json.replace("Wann", "Wann genau"), signed("msg_tampered_" + System.nanoTime(), json));

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void aBodyOver64KiBIsTooLarge() throws Exception {
    var response = sender.send(mention(uniqueThread("post")).with("url", "https://x.example/" + "a".repeat(70_000))
        .json());

    assertThat(response.status()).isEqualTo(413);
  }

  @Test
  void onlyJsonIsAccepted() throws Exception {
    var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/api/mentions"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(415);
  }

  @Test
  void theApiIsDocumentedInOpenApi() throws Exception {
    var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/api/openapi")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode api = JSON.readTree(response.body());
    assertThat(api.at("/paths/~1api~1mentions/post/responses").fieldNames()).toIterable()
        .contains("200", "202", "400", "401", "413", "415", "503");
    assertThat(api.at("/paths/~1api~1mentions/post/responses/202/content/application~1json/schema/$ref").asText())
        .endsWith("/Acceptance");
    assertThat(api.at("/components/schemas/Acceptance/properties").fieldNames()).toIterable()
        .contains("mentionId", "incidentKey", "processInstanceId", "level", "duplicate");
  }

  private long mentionsOf(String incidentKey) {
    return jdbc.queryForObject("select count(*) from mention where incident_key = ?", Long.class, incidentKey);
  }

  /** Standard Webhooks headers for {@code json}, signed now with the demo secret. */
  private static Map<String, String> signed(String id, String json) throws Exception {
    long now = Instant.now().getEpochSecond();
    return Map.of("webhook-id", id, "webhook-timestamp", String.valueOf(now),
        "webhook-signature", new com.standardwebhooks.Webhook(ReplayCommand.DEMO_SECRET).sign(id, now, json));
  }

  private String base() {
    return "http://localhost:" + port;
  }

  private HttpResponse<String> post(String json, Map<String, String> headers) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(base() + "/api/mentions")).header("Content-Type", "application/json");
    headers.forEach(request::header);
    return HttpClient.newHttpClient().send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
