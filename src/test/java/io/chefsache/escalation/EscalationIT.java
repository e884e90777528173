package io.chefsache.escalation;

import static io.chefsache.support.IncidentDriver.figures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import io.chefsache.support.OutboundStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The application as it runs: job executor on, demo profile with its sample incidents. Nothing here
 * executes jobs by hand; the engine does, and the test waits for what a person would see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true", "chefsache.demo.sample-incidents=true"})
@ActiveProfiles({"demo", "test"})
@ContextConfiguration(initializers = OutboundStub.class)
@AutoConfigureObservability
class EscalationIT {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentProcess incidents;
  @LocalManagementPort
  int managementPort;
  @Autowired
  RestTemplateBuilder restTemplateBuilder;

  @Test
  void theDemoStartsWithOneIncidentPerLevel() {
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(levelOf("instagram:demo-spam")).isEqualTo(0));
    await().atMost(PATIENCE).untilAsserted(() -> {
      assertThat(levelOf("linkedin:demo-opening-hours")).isEqualTo(1);
      assertThat(levelOf("facebook:demo-broken-fork")).isEqualTo(2);
      assertThat(levelOf("x:demo-shitstorm")).isEqualTo(3);
      assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey("x:demo-shitstorm")
          .list()).extracting(Task::getTaskDefinitionKey).containsExactly("Task_AnswerWithLine");
      assertThat(tasksOfSituationOf("x:demo-shitstorm")).as("the crisis, and the line for its threads beside it")
          .containsExactlyInAnyOrder("Task_DraftHoldingStatement", "Task_ReviewLegally", "Task_SetLine");
      assertThat(tasksOfSituationOf("facebook:demo-broken-fork")).containsExactly("Task_SetLine");
    });
  }

  /** The open tasks of the situation a demo thread belongs to: its line, or its crisis. */
  private List<String> tasksOfSituationOf(String incidentKey) {
    var thread = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(incidentKey)
        .processDefinitionKey(IncidentProcess.PROCESS_KEY).singleResult();
    String situationKey = (String) engine.getRuntimeService().getVariable(thread.getId(), "situationKey");
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(situationKey).list().stream()
        .map(Task::getTaskDefinitionKey).toList();
  }

  @Test
  void aViralThreadReachesTheCrisisTeamWithinSecondsOfTheNewFigures() {
    String id = open("viral", figures(1, 0, 200, -0.2, "customer-service"));
    await().atMost(PATIENCE).until(() -> taskKeys(id).contains("Task_RespondToMention"));

    incidents.reportNewActivity(id, figures(150, 120, 280_000, -0.9, "customer-service"));

    await().atMost(PATIENCE).untilAsserted(() ->
        assertThat(taskKeys(id)).containsExactlyInAnyOrder("Task_DraftHoldingStatement", "Task_ReviewLegally"));
    assertThat(engine.getRuntimeService().getVariable(id, "levelCauseType")).isEqualTo("volume");
  }

  @Test
  void aReplyThePlatformRejectsGoesBackToTheCrewWithThePlatformsMessage() {
    String id = open("rejected", figures(1, 0, 200, -0.2, "customer-service"));
    OutboundStub.server().stubFor(post(urlPathEqualTo(OutboundStub.GATEWAY)).atPriority(1)
        .withRequestBody(containing("facebook:it-rejected")).willReturn(aResponse().withStatus(422)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"Reply violates community guidelines (links not allowed)\"}")));
    await().atMost(PATIENCE).until(() -> taskKeys(id).contains("Task_RespondToMention"));
    Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey("facebook:it-rejected")
        .singleResult();

    engine.getTaskService().complete(task.getId(), Map.of("crewDecision", "reply", "replyText", "See https://x"));

    await().atMost(PATIENCE).untilAsserted(() -> {
      Task again = engine.getTaskService().createTaskQuery().processInstanceBusinessKey("facebook:it-rejected")
          .singleResult();
      assertThat(again).isNotNull();
      assertThat(again.getId()).isNotEqualTo(task.getId());
      assertThat(engine.getTaskService().getVariable(again.getId(), "platformRejection"))
          .isEqualTo("Reply violates community guidelines (links not allowed)");
    });
  }

  @Test
  void healthReportsTheRunningJobExecutor() {
    String health = restTemplateBuilder.rootUri("http://127.0.0.1:" + managementPort).build()
        .getForObject("/actuator/health", String.class);

    assertThat(health).contains("\"jobExecutor\":{\"status\":\"UP\"");
  }

  private String open(String thread, io.chefsache.escalation.IncidentFigures figures) {
    return incidents.open(new FirstMention("m-" + thread, "facebook", "it-" + thread, "@someone", "Hallo?",
        "https://facebook.example/" + thread), figures);
  }

  private List<String> taskKeys(String processInstanceId) {
    ProcessInstance incident = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(incident.getBusinessKey()).list()
        .stream().map(Task::getTaskDefinitionKey).toList();
  }

  private Object levelOf(String incidentKey) {
    ProcessInstance incident = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(incidentKey).processDefinitionKey(IncidentProcess.PROCESS_KEY).singleResult();
    return incident == null ? null : engine.getRuntimeService().getVariable(incident.getId(), "level");
  }
}
