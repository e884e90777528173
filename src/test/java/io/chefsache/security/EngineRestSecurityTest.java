package io.chefsache.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chefsache.support.ChefsacheTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.chefsache.support.IncidentDriver;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

@ChefsacheTest
class EngineRestSecurityTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentDriver driver;

  @Test
  void engineRestRefusesRequestsWithoutLogin() {
    ResponseEntity<String> response = rest.getForEntity("/engine-rest/process-definition", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
  }

  @Test
  void engineRestRefusesAWrongPassword() {
    ResponseEntity<String> response = rest.withBasicAuth("paul", "not-the-password")
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
  void crewMemberSeesCrewTasksButCannotSeeOrClaimManagementTasks() {
    var question = driver.open(IncidentDriver.question());
    String crewTask = driver.task(question, "Task_RespondToMention").getId();
    var complaint = driver.open(IncidentDriver.influencerComplaint());
    driver.complete(complaint, "Task_ProposeReply", "jonas", Map.of("proposedReply", "Wir prüfen das."));
    String managementTask = driver.task(complaint, "Task_DecideOnReply").getId();

    ResponseEntity<List<Map<String, Object>>> visible = rest.withBasicAuth("mia", "demo")
        .exchange("/engine-rest/task?maxResults=1000", HttpMethod.GET, null, new ParameterizedTypeReference<>() { });
    ResponseEntity<String> foreign = rest.withBasicAuth("mia", "demo")
        .getForEntity("/engine-rest/task/" + managementTask, String.class);
    ResponseEntity<String> claimForeign = rest.withBasicAuth("mia", "demo")
        .postForEntity("/engine-rest/task/" + managementTask + "/claim", Map.of("userId", "mia"), String.class);
    ResponseEntity<String> claimOwn = rest.withBasicAuth("mia", "demo")
        .postForEntity("/engine-rest/task/" + crewTask + "/claim", Map.of("userId", "mia"), String.class);

    assertThat(visible.getBody()).extracting(task -> task.get("id")).contains(crewTask).doesNotContain(managementTask);
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(claimForeign.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(engine.getTaskService().createTaskQuery().taskId(managementTask).singleResult().getAssignee()).isNull();
    assertThat(claimOwn.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void aColleagueClaimingATaskSomeoneHasClaimedIsToldSoNotAServerError() {
    var question = driver.open(IncidentDriver.question());
    String crewTask = driver.task(question, "Task_RespondToMention").getId();
    rest.withBasicAuth("mia", "demo").postForEntity("/engine-rest/task/" + crewTask + "/claim",
        Map.of("userId", "mia"), String.class);

    // a colleague of its own: other test classes try wrong passwords for the demo's crew, which delays their login
    var identity = engine.getIdentityService();
    if (identity.createUserQuery().userId("lukas").count() == 0) {
      var lukas = identity.newUser("lukas");
      lukas.setPassword("Colleague-2026!");
      identity.saveUser(lukas);
      identity.createMembership("lukas", Roles.CREW);
    }
    ResponseEntity<String> second = rest.withBasicAuth("lukas", "Colleague-2026!")
        .postForEntity("/engine-rest/task/" + crewTask + "/claim", Map.of("userId", "lukas"), String.class);

    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(second.getBody()).contains("already claimed");
    assertThat(engine.getTaskService().createTaskQuery().taskId(crewTask).singleResult().getAssignee()).isEqualTo("mia");
  }

  /**
   * Four eyes compare the user the engine authenticated, not the task's assignee: someone in both
   * crew and management who proposed a reply cannot approve it, whether he completes the decision
   * unclaimed, claimed by himself, or claimed by a colleague; each refusal is a 400 that says why.
   */
  @Test
  void whoProposedAReplyCannotApproveItOnAnyPath() {
    crewAndManagement("kim");
    var complaint = driver.open(IncidentDriver.influencerComplaint());
    String proposal = driver.task(complaint, "Task_ProposeReply").getId();
    ResponseEntity<String> proposed = rest.withBasicAuth("kim", "demo").postForEntity(
        "/engine-rest/task/" + proposal + "/submit-form", form("proposedReply", "Wir prüfen das."), String.class);
    String decision = driver.task(complaint, "Task_DecideOnReply").getId();
    var approve = form("managementDecision", "approve", "decisionReason", "Fits our line");

    ResponseEntity<String> unclaimed = rest.withBasicAuth("kim", "demo")
        .postForEntity("/engine-rest/task/" + decision + "/complete", approve, String.class);
    rest.withBasicAuth("kim", "demo").postForEntity("/engine-rest/task/" + decision + "/claim", Map.of("userId", "kim"),
        String.class);
    ResponseEntity<String> claimedByHimself = rest.withBasicAuth("kim", "demo")
        .postForEntity("/engine-rest/task/" + decision + "/submit-form", approve, String.class);
    engine.getTaskService().setAssignee(decision, "sabine");
    ResponseEntity<String> claimedByColleague = rest.withBasicAuth("kim", "demo")
        .postForEntity("/engine-rest/task/" + decision + "/complete", approve, String.class);

    assertThat(proposed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    for (ResponseEntity<String> refused : List.of(unclaimed, claimedByHimself, claimedByColleague)) {
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody()).contains("Vier-Augen-Prinzip").contains("kim");
    }
    assertThat(engine.getTaskService().createTaskQuery().taskId(decision).singleResult().getAssignee())
        .isEqualTo("sabine");

    ResponseEntity<String> approved = rest.withBasicAuth("sabine", "demo")
        .postForEntity("/engine-rest/task/" + decision + "/complete", approve, String.class);

    assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  /** A user in two groups, as organisations have them; the demo users are each in the groups of one role. */
  private void crewAndManagement(String userId) {
    var identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(userId).count() == 0) {
      var user = identity.newUser(userId);
      user.setPassword("demo");
      identity.saveUser(user);
      identity.createMembership(userId, Roles.CREW);
      identity.createMembership(userId, Roles.MANAGEMENT);
    }
  }

  /** A task form as engine REST takes it: names and values, alternating. */
  private static Map<String, Object> form(String... namesAndValues) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      variables.put(namesAndValues[i], Map.of("value", namesAndValues[i + 1], "type", "String"));
    }
    return Map.of("variables", variables);
  }

  @Test
  void auditorsReadHistoryButCannotWorkTasks() {
    var question = driver.open(IncidentDriver.question());
    String crewTask = driver.task(question, "Task_RespondToMention").getId();

    ResponseEntity<String> history = rest.withBasicAuth("ines", "demo")
        .getForEntity("/engine-rest/history/process-instance?processInstanceId=" + question.getId(), String.class);
    ResponseEntity<String> claim = rest.withBasicAuth("ines", "demo")
        .postForEntity("/engine-rest/task/" + crewTask + "/claim", Map.of("userId", "ines"), String.class);
    ResponseEntity<String> delete = rest.withBasicAuth("ines", "demo").exchange(
        "/engine-rest/history/process-instance/" + question.getId(), HttpMethod.DELETE, null, String.class);

    assertThat(history.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(history.getBody()).contains(question.getId());
    assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(delete.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(question.getId())
        .count()).isEqualTo(1);
  }

  @Test
  void commentsAndAttachmentsAreWrittenByAdministratorsOnly() {
    var question = driver.open(IncidentDriver.question());
    String crewTask = driver.task(question, "Task_RespondToMention").getId();
    String comments = "/engine-rest/task/" + crewTask + "/comment/create";

    var byAuditor = rest.withBasicAuth("ines", "demo").postForEntity(comments, Map.of("message", "gesehen"),
        String.class);
    HttpHeaders multipart = new HttpHeaders();
    multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
    var form = new LinkedMultiValueMap<String, Object>(Map.of("attachment-name", List.of("Details"),
        "url", List.of("https://evil.example/login")));
    var attachedByCrew = rest.withBasicAuth("mia", "demo").postForEntity("/engine-rest/task/" + crewTask
        + "/attachment/create", new HttpEntity<>(form, multipart), String.class);
    var byAdmin = rest.withBasicAuth("admin", "demo").postForEntity(comments, Map.of("message", "Test"), String.class);

    assertThat(byAuditor.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(byAuditor.getBody()).contains("only administrators");
    assertThat(attachedByCrew.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(byAdmin.getStatusCode()).as(byAdmin.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(engine.getTaskService().getTaskComments(crewTask)).extracting(comment -> comment.getFullMessage())
        .containsExactly("Test");
    assertThat(engine.getTaskService().getTaskAttachments(crewTask)).isEmpty();
  }

  @Test
  void whoDidWhatPerPersonIsReadByAuditorsNotByManagement() {
    String log = "/engine-rest/history/user-operation?userId=mia";

    var byManagement = rest.withBasicAuth("sabine", "demo").getForEntity(log, String.class);
    var linksByManagement = rest.withBasicAuth("sabine", "demo")
        .getForEntity("/engine-rest/history/identity-link-log?userId=mia", String.class);
    var byAuditor = rest.withBasicAuth("ines", "demo").getForEntity(log, String.class);

    assertThat(byManagement.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(byManagement.getBody()).contains("works-council");
    assertThat(linksByManagement.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(byAuditor.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void variablesOfTypesOutsideTheAllowListAreNotDeserialized() {
    var incident = driver.open(IncidentDriver.spam());
    var variable = Map.of("value", "\"/etc/passwd\"", "type", "Object",
        "valueInfo", Map.of("objectTypeName", "java.io.File", "serializationDataFormat", "application/json"));
    String path = "/engine-rest/process-instance/" + incident.getId() + "/variables/gadget";

    rest.withBasicAuth("admin", "demo").put(path, variable);
    ResponseEntity<String> read = rest.withBasicAuth("admin", "demo").getForEntity(path, String.class);

    assertThat(read.getStatusCode().is5xxServerError()).isTrue();
    assertThatThrownBy(() -> engine.getRuntimeService().getVariable(incident.getId(), "gadget"))
        .rootCause().hasMessageContaining("not whitelisted").hasMessageContaining("java.io.File");
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

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).containsIgnoringCase("serialization");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("test:serialization").count())
        .isZero();
  }
}
