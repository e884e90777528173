package io.chefsache.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.support.ChefsacheTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Issue 18, item 5: a process owner deploys configuration, never code, and cannot erase the audit
 * trail. Deployments go through /engine-rest as Camunda Modeler sends them.
 */
@ChefsacheTest
class DeploymentRulesTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  ProcessEngine engine;

  @TempDir
  Path temp;

  @Test
  void felixsTimerThatRunsACommandIsRefusedNamingTheElement() {
    Path proof = temp.resolve("felix-was-here");
    String attack = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
        + ".exec('touch " + proof + "')}";
    String bpmn = process("Felix", """
        <bpmn:startEvent id="StartEvent_EverySecond">
          <bpmn:timerEventDefinition id="Timer_EverySecond">
            <bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/PT1S</bpmn:timeCycle>
          </bpmn:timerEventDefinition>
        </bpmn:startEvent>
        <bpmn:serviceTask id="Task_Innocent" camunda:expression="%s" />
        <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_EverySecond" targetRef="Task_Innocent" />
        """.formatted(attack.replace("'", "&apos;")));

    ResponseEntity<String> response = deploy("felix", "Felix.bpmn", bpmn);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("Task_Innocent").contains("getClass");
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("Felix").count()).isZero();
    assertThat(engine.getManagementService().createJobQuery().timers().list())
        .noneMatch(job -> job.getProcessDefinitionKey() != null && job.getProcessDefinitionKey().equals("Felix"));
    assertThat(proof).doesNotExist();
  }

  static Stream<List<String>> code() {
    return Stream.of(
        List.of("Task_Script", """
            <bpmn:scriptTask id="Task_Script" scriptFormat="groovy"><bpmn:script>'ls'.execute()</bpmn:script></bpmn:scriptTask>"""),
        List.of("Task_JavaClass", """
            <bpmn:serviceTask id="Task_JavaClass" camunda:class="org.example.Evil" />"""),
        List.of("Task_ListenerScript", """
            <bpmn:userTask id="Task_ListenerScript"><bpmn:extensionElements>
              <camunda:executionListener event="start"><camunda:script scriptFormat="javascript">java.lang.System.exit(1)</camunda:script></camunda:executionListener>
            </bpmn:extensionElements></bpmn:userTask>"""),
        List.of("Task_ListenerClass", """
            <bpmn:userTask id="Task_ListenerClass"><bpmn:extensionElements>
              <camunda:taskListener event="create" class="org.example.Evil" />
            </bpmn:extensionElements></bpmn:userTask>"""),
        List.of("Task_ExternalScript", """
            <bpmn:scriptTask id="Task_ExternalScript" scriptFormat="groovy" camunda:resource="deployment://evil.groovy" />"""),
        List.of("Flow_ScriptCondition", """
            <bpmn:userTask id="Task_A" /><bpmn:endEvent id="End_A" />
            <bpmn:sequenceFlow id="Flow_ScriptCondition" sourceRef="Task_A" targetRef="End_A">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="groovy">'ls'.execute() != null</bpmn:conditionExpression>
            </bpmn:sequenceFlow>"""),
        List.of("Task_OtherBean", """
            <bpmn:userTask id="Task_OtherBean" camunda:assignee="${environment.getProperty('spring.datasource.password')}" />"""),
        List.of("Task_EngineServices", """
            <bpmn:userTask id="Task_EngineServices" camunda:assignee="${execution.processEngineServices.identityService}" />"""),
        List.of("Task_MethodOnVariable", """
            <bpmn:userTask id="Task_MethodOnVariable" camunda:assignee="${replyText.getClass().name}" />"""),
        List.of("Task_OtherDelegate", """
            <bpmn:serviceTask id="Task_OtherDelegate" camunda:delegateExpression="${dataSource}" />"""),
        // the application's own delegates, run by a process nobody started: a reply published unseen
        List.of("StartEvent_EverySecond", """
            <bpmn:startEvent id="StartEvent_EverySecond"><bpmn:timerEventDefinition id="Timer_Once">
              <bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R1/PT1S</bpmn:timeCycle>
            </bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:serviceTask id="Task_Publish" camunda:delegateExpression="${publishReplyDelegate}" />
            <bpmn:sequenceFlow id="Flow_Publish" sourceRef="StartEvent_EverySecond" targetRef="Task_Publish" />"""),
        List.of("StartEvent_OnMessage", """
            <bpmn:startEvent id="StartEvent_OnMessage"><bpmn:messageEventDefinition id="Message_Any" /></bpmn:startEvent>"""),
        List.of("Task_Connector", """
            <bpmn:serviceTask id="Task_Connector"><bpmn:extensionElements>
              <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>
            </bpmn:extensionElements></bpmn:serviceTask>"""));
  }

  @ParameterizedTest
  @MethodSource("code")
  void codeInADiagramIsRefusedNamingTheElement(List<String> element) {
    ResponseEntity<String> response = deploy("felix", "Code.bpmn", process("Code", element.get(1)));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("\"mainElementId\":\"" + element.get(0) + "\"");
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("Code").count()).isZero();
  }

  @Test
  void aDecisionTableInAScriptLanguageOrJuelIsRefused() throws IOException {
    for (String language : List.of("javascript", "juel")) {
      String dmn = Files.readString(Path.of("bpmn/ResponseDeadlines.dmn"))
          .replaceFirst("<inputExpression id=\"([^\"]+)\"", "<inputExpression id=\"$1\" expressionLanguage=\"" + language + "\"");

      ResponseEntity<String> response = deploy("felix", "ResponseDeadlines.dmn", dmn);

      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getBody()).contains(language).contains("FEEL only");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"external {", "external /* a comment */ {", "external // a comment\n {"})
  void aDecisionTableWithAFeelExternalFunctionIsRefused(String external) throws IOException {
    String dmn = Files.readString(Path.of("bpmn/ResponseDeadlines.dmn")).replaceFirst("<text>level</text>",
        "<text>function(x) " + external + "java: {class: \"java.lang.Runtime\", method signature: \"getRuntime()\"}}</text>");

    ResponseEntity<String> response = deploy("felix", "ResponseDeadlines.dmn", dmn);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("FEEL external function");
  }

  @Test
  void everyDiagramAndDecisionOfTheProjectPasses() throws IOException {
    var body = new LinkedMultiValueMap<String, Object>();
    body.add("deployment-name", "every-project-diagram");
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.sorted().toList()) {
        body.add(file.getFileName().toString(), file(file.getFileName().toString(), Files.readString(file)));
      }
    }

    ResponseEntity<String> response = post("felix", body);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).contains("IncidentEscalationProcess", "ResponseDeadlines", "SituationProcess");
    // later tests of the shared context start the packaged versions again
    engine.getRepositoryService().deleteDeployment(new ObjectMapper().readTree(response.getBody()).get("id").asText());
  }

  @Test
  void deletingADeploymentWithHistoryKeepsTheAuditTrailAndIsAnAdministratorsRecordedAction() {
    String deploymentId = engine.getRepositoryService().createDeployment().name("with-history")
        .addString("Harmless.bpmn", process("Harmless", """
            <bpmn:startEvent id="StartEvent_Harmless" /><bpmn:endEvent id="EndEvent_Harmless" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Harmless" targetRef="EndEvent_Harmless" />"""))
        .deploy().getId();
    String instance = engine.getRuntimeService().startProcessInstanceByKey("Harmless").getId();

    assertThat(delete("felix", deploymentId, true).getStatusCode().is4xxClientError()).isTrue();
    assertThat(delete("admin", deploymentId, true).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(delete("felix", deploymentId, false).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(deploymentId).count()).isOne();

    assertThat(delete("admin", deploymentId, false).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance).count()).isOne();
    assertThat(engine.getHistoryService().createUserOperationLogQuery().deploymentId(deploymentId)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_DELETE).list())
        .extracting(UserOperationLogEntry::getUserId).containsExactly("admin");
  }

  @Test
  void felixCanNoLongerDeleteWhatHeDeployed() {
    ResponseEntity<String> deployed = deploy("felix", "Harmless2.bpmn", process("Harmless2", """
        <bpmn:startEvent id="StartEvent_Harmless2" />"""));
    String deploymentId = engine.getRepositoryService().createDeploymentQuery().deploymentName("process-owner-change")
        .orderByDeploymentTime().desc().list().get(0).getId();

    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(delete("felix", deploymentId, false).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  private ResponseEntity<String> delete(String user, String deploymentId, boolean cascade) {
    return rest.withBasicAuth(user, "demo").exchange("/engine-rest/deployment/" + deploymentId + "?cascade=" + cascade,
        HttpMethod.DELETE, null, String.class);
  }

  private ResponseEntity<String> deploy(String user, String name, String content) {
    var body = new LinkedMultiValueMap<String, Object>();
    body.add("deployment-name", "process-owner-change");
    body.add("deployment-source", "Camunda Modeler");
    body.add(name, file(name, content));
    return post(user, body);
  }

  private ResponseEntity<String> post(String user, LinkedMultiValueMap<String, Object> body) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth(user, "demo")
        .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(body, headers), String.class);
  }

  private static String process(String key, String elements) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            id="Definitions_%1$s" targetNamespace="http://chefsache.io/test">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
        %2$s
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, elements);
  }

  private static ByteArrayResource file(String name, String content) {
    return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }
}
