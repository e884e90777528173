package io.chefsache.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.ChefsacheTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

@ChefsacheTest
class EngineRestSecurityTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;

  @Test
  void engineRestRefusesRequestsWithoutLogin() {
    ResponseEntity<String> response = rest.getForEntity("/engine-rest/process-definition", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
  }

  @Test
  void engineRestRefusesAWrongPassword() {
    ResponseEntity<String> response = rest.withBasicAuth("admin", "not-the-password")
        .getForEntity("/engine-rest/user", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void engineRestServesAnAuthenticatedAdmin() {
    ResponseEntity<String> response = rest.withBasicAuth("admin", "demo")
        .getForEntity("/engine-rest/process-definition?key=IncidentEscalationProcess", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).contains("\"key\":\"IncidentEscalationProcess\"");
  }

  @Test
  void crewMemberCannotDeploy() {
    var body = new LinkedMultiValueMap<String, Object>();
    body.add("deployment-name", "sneaky");
    body.add("data", new ByteArrayResource("<definitions/>".getBytes()) {
      @Override
      public String getFilename() {
        return "sneaky.bpmn";
      }
    });
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);

    ResponseEntity<String> response = rest.withBasicAuth("mia", "demo")
        .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(body, headers), String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getBody()).contains("CREATE").contains("Deployment");
  }

  @Test
  void crewMemberSeesCrewTasksButNotManagementTasks() {
    String processInstanceId = runtimeService
        .startProcessInstanceByKey("IncidentEscalationProcess", "test:security-" + System.nanoTime())
        .getId();
    Task crewTask = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
    Task managementTask = taskService.newTask();
    managementTask.setName("Decide on reply");
    taskService.saveTask(managementTask);
    taskService.addCandidateGroup(managementTask.getId(), Roles.MANAGEMENT);

    ResponseEntity<List<Map<String, Object>>> visible = rest.withBasicAuth("mia", "demo")
        .exchange("/engine-rest/task", org.springframework.http.HttpMethod.GET, null,
            new org.springframework.core.ParameterizedTypeReference<>() { });
    ResponseEntity<String> foreign = rest.withBasicAuth("mia", "demo")
        .getForEntity("/engine-rest/task/" + managementTask.getId(), String.class);
    ResponseEntity<String> claimForeign = rest.withBasicAuth("mia", "demo")
        .postForEntity("/engine-rest/task/" + managementTask.getId() + "/claim",
            new HttpEntity<>(Map.of("userId", "mia")), String.class);

    assertThat(visible.getBody()).extracting(task -> task.get("id")).contains(crewTask.getId())
        .doesNotContain(managementTask.getId());
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(claimForeign.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.createTaskQuery().taskId(managementTask.getId()).singleResult().getAssignee()).isNull();
    taskService.deleteTask(managementTask.getId(), true);
  }

  @Test
  void javaSerializedVariablesAreRejected() {
    var variable = Map.of(
        "value", "rO0ABXQABWhlbGxv",
        "type", "Object",
        "valueInfo", Map.of(
            "objectTypeName", "java.lang.String",
            "serializationDataFormat", "application/x-java-serialized-object"));

    ResponseEntity<String> response = rest.withBasicAuth("admin", "demo").postForEntity(
        "/engine-rest/process-definition/key/IncidentEscalationProcess/start",
        Map.of("businessKey", "test:serialization", "variables", Map.of("payload", variable)), String.class);

    assertThat(response.getStatusCode().is4xxClientError() || response.getStatusCode().is5xxServerError()).isTrue();
    assertThat(response.getBody()).containsIgnoringCase("serialization");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("test:serialization").count())
        .isZero();
  }
}
