package io.chefsache.escalation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chefsache.support.MentionJson;
import io.chefsache.support.OutboundStub;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Nobody acts on a situation: with deadlines of seconds (a ResponseDeadlines version the process
 * owner deployed), the plan escalates the situation once, gives the crisis team one crisis, and each
 * level cause names which step of which group was missed. The job executor runs the timers for real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"demo", "test"})
@ContextConfiguration(initializers = OutboundStub.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SituationDeadlinesIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @LocalServerPort
  int port;
  @Autowired
  TestRestTemplate rest;
  @Autowired
  ProcessEngine engine;
  @Autowired
  HistoryService historyService;

  @BeforeAll
  void theProcessOwnerShortensTheDeadlines() throws IOException {
    String deadlines = packaged("ResponseDeadlines.dmn")
        .replace("<outputEntry id=\"Due_Management_Decision\"><text>\"PT30M\"</text>",
            "<outputEntry id=\"Due_Management_Decision\"><text>\"PT3S\"</text>")
        .replace("<outputEntry id=\"Due_Management_AnswerWithLine\"><text>\"PT15M\"</text>",
            "<outputEntry id=\"Due_Management_AnswerWithLine\"><text>\"PT3S\"</text>");
    assertThat(deadlines.split("\"PT3S\"", -1)).as("both deadlines shortened").hasSize(3);
    var body = new LinkedMultiValueMap<String, Object>();
    body.add("deployment-name", "short-deadlines");
    body.add("deployment-source", "Camunda Modeler");
    body.add("ResponseDeadlines.dmn", new ByteArrayResource(deadlines.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "ResponseDeadlines.dmn";
      }
    });
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    var deployed = rest.withBasicAuth("felix", "demo")
        .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(body, headers), String.class);
    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /** A story on three platforms, a few angry mentions each: level 2 (sensitive topic), not yet a shitstorm. */
  private String story(String name) throws Exception {
    String storyId = name + "-" + System.nanoTime();
    var sender = MentionJson.demoSender(port);
    for (String platform : List.of("facebook", "x", "instagram")) {
      String thread = MentionJson.uniqueThread(name);
      for (int i = 0; i < 3; i++) {
        var answer = sender.send(MentionJson.mention(thread).with("platform", platform).negative()
            .with("topics", List.of("product-safety")).with("storyId", storyId).json());
        assertThat(answer.status()).isEqualTo(202);
      }
    }
    return storyId;
  }

  private ProcessInstance situationOf(String storyId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("SituationProcess")
        .variableValueLike("situationKey", "story-" + storyId + "@%").singleResult();
  }

  private List<Object> levels(ProcessInstance situation) {
    return historyService.createHistoricDetailQuery().processInstanceId(situation.getId()).variableUpdates()
        .orderByTime().asc().list().stream().map(HistoricVariableUpdate.class::cast)
        .filter(update -> update.getVariableName().equals("level")).map(HistoricVariableUpdate::getValue)
        .distinct().toList();
  }

  private long crisisTasks(ProcessInstance situation) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(situation.getBusinessKey())
        .taskCandidateGroupIn(List.of("crisis-team", "crisis-approvers")).count();
  }

  @Test
  void noLineFromManagementNorTheDeputyEscalatesTheSituationOnceNamingBoth() throws Exception {
    String storyId = story("no-line");
    await().atMost(PATIENCE).until(() -> situationOf(storyId) != null);
    var situation = situationOf(storyId);

    await().atMost(PATIENCE).untilAsserted(() ->
        assertThat(engine.getRuntimeService().getVariable(situation.getId(), "level")).isEqualTo(3));

    // at level 2, and once more beside the crisis, since the threads still have no line
    assertThat(historyService.createHistoricTaskInstanceQuery().taskDefinitionKey("Task_SetLine")
        .processInstanceBusinessKey(situation.getBusinessKey()).count()).as("management's tasks").isBetween(1L, 2L);
    assertThat(historyService.createHistoricTaskInstanceQuery().taskDefinitionKey("Task_SetLineAsDeputy")
        .processInstanceBusinessKey(situation.getBusinessKey()).count()).as("the deputy's tasks").isBetween(1L, 2L);
    assertThat((String) engine.getRuntimeService().getVariable(situation.getId(), "levelCause"))
        .contains("Die Geschäftsleitung hat die Linie der Lage nicht rechtzeitig festgelegt")
        .contains("Vertretung (CEO oder Krisenfreigabe)");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(crisisTasks(situation)).isBetween(1L, 3L));
    assertThat(levels(situation)).as("levels of the situation, in order").containsExactly(2, 3);
  }

  @Test
  void aLineTheCrewDoesNotAnswerWithEscalatesOnceNamingTheThreads() throws Exception {
    String storyId = story("unanswered");
    await().atMost(PATIENCE).until(() -> situationOf(storyId) != null);
    var situation = situationOf(storyId);
    await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery().taskDefinitionKey("Task_SetLine")
        .processInstanceBusinessKey(situation.getBusinessKey()).count() == 1);
    var setLine = engine.getTaskService().createTaskQuery().taskDefinitionKey("Task_SetLine")
        .processInstanceBusinessKey(situation.getBusinessKey()).singleResult();
    engine.getTaskService().claim(setLine.getId(), "sabine");
    engine.getTaskService().complete(setLine.getId(), Map.of("lineCoreStatement", "Wir prüfen jede Gabel.",
        "lineReply", "Wir prüfen jede gemeldete Gabel, DM folgt.", "lineTone", "empathetic", "pausePosts", true,
        "answerAllWithLine", false));

    await().atMost(PATIENCE).untilAsserted(() ->
        assertThat(engine.getRuntimeService().getVariable(situation.getId(), "level")).isEqualTo(3));

    assertThat((String) engine.getRuntimeService().getVariable(situation.getId(), "levelCause"))
        .contains("Die Social-Media-Crew hat die Threads der Lage nicht rechtzeitig mit der Linie beantwortet")
        .contains("3 thread(s)");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(crisisTasks(situation)).isBetween(1L, 3L));
    assertThat(levels(situation)).containsExactly(2, 3);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(OutboundStub.server().findAll(
        postRequestedFor(urlPathEqualTo(OutboundStub.GATEWAY)).withRequestBody(containing("pause-scheduled-posts"))
            .withRequestBody(containing(situation.getBusinessKey()))).stream()
            .map(request -> request.getHeader("Idempotency-Key")).distinct())
        .as("scheduled posts paused once (a retry carries the same key), by the line; the crisis asks for nothing more")
        .hasSize(1));
  }

  private static String packaged(String name) throws IOException {
    try (InputStream in = SituationDeadlinesIT.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
