package io.chefsache.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.support.BrowserSession;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.IncidentDriver;
import io.chefsache.support.MentionJson;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The audit pages in the shared application: who gets in, what they show, and that auditors can
 * read everything and change nothing, neither on the page nor through the REST API.
 */
@ChefsacheTest
class AuditPageTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentDriver driver;
  @Autowired
  TestRestTemplate rest;
  @LocalServerPort
  int port;

  @Test
  void withoutLoginTheBrowserIsSentToTheLoginForm() {
    var page = new BrowserSession(port).get("/audit");

    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/audit/login"));
  }

  @Test
  void aWrongPasswordDoesNotGetIn() {
    var browser = new BrowserSession(port);

    assertThat(browser.logIn("paul", "guess")).endsWith("/audit/login?error");
    assertThat(browser.get("/audit").statusCode()).isEqualTo(302);
  }

  @Test
  void theAuditorSeesTheIncidentWithTimelineChartAndDiagramAndMentionTextStaysText() throws Exception {
    var accepted = new ObjectMapper().readTree(MentionJson.demoSender(port).send(
        MentionJson.mention(MentionJson.uniqueThread("hostile")).with("text", "<script>alert(1)</script> <b>Support</b>")
            .with("topics", List.of("customer-service")).with("sentiment", -0.8)
            .with("author", Map.of("handle", "@kunde", "followers", 80_000)).json()).body());
    String key = accepted.get("incidentKey").asText();
    var incident = driver.instance(accepted.get("processInstanceId").asText());
    driver.runJobs(incident.getId());
    var browser = new BrowserSession(port);
    browser.logIn("ines", "demo");

    var list = browser.get("/audit");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("id=\"figures\"").contains(key);

    var page = browser.get("/audit/incident?key=" + BrowserSession.encode(key));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("script-src 'self'"));
    assertThat(page.body())
        .contains("id=\"timeline\"").contains("LEVEL_CHANGE").contains("Task &quot;Antwort vorschlagen&quot;")
        .contains("<svg id=\"volume-chart\"").contains("class=\"marker level-2\"")
        .contains("class=\"diagram\"").contains("data-visited=\"").contains("Task_TriageIncident")
        .containsPattern("/webjars/bpmn-js/[0-9.]+/dist/bpmn-navigated-viewer.production.min.js")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;Support&lt;/b&gt;")
        .doesNotContain("<b>Support</b>").doesNotContain("<script>alert");
    assertThat(browser.get("/webjars/bpmn-js/dist/bpmn-navigated-viewer.production.min.js").statusCode()).isEqualTo(200);
    assertThat(browser.get("/audit/diagram?definition=" + incident.getProcessDefinitionId()).body())
        .contains("<bpmn:process id=\"IncidentEscalationProcess\"");
    String crisis = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("IncidentLevel3Crisis")
        .latestVersion().singleResult().getId();
    assertThat(browser.get("/audit/diagram?definition=" + crisis).body()).as("names drawn without their expressions")
        .contains("name=\"Holding Statement entwerfen\"").doesNotContainPattern("name=\"[^\"]*\\$\\{");
  }

  @Test
  void theAuditorDownloadsAnExportThatVerifiesAndIsListedWithItsHead() {
    var incident = driver.open(IncidentDriver.question());
    String key = (String) driver.variable(incident, "incidentKey");
    var browser = new BrowserSession(port);
    browser.logIn("ines", "demo");

    var csv = browser.get("/audit/incident/export.csv?key=" + BrowserSession.encode(key));
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
        assertThat(disposition).startsWith("attachment; filename=\"chefsache-audit-"));
    String head = csv.headers().firstValue("X-Chefsache-Export-Head").orElseThrow();
    assertThat(ExportVerifier.verify(csv.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .extracting(ExportVerifier.Result::valid, ExportVerifier.Result::head).containsExactly(true, head);
    assertThat(browser.get("/audit/exports").body()).contains(head).contains("incident " + key);
    assertThat(browser.get("/audit/export.json").statusCode()).isEqualTo(200);
  }

  @Test
  void managementGetsInAndTheCrewDoesNot() {
    var management = new BrowserSession(port);
    management.logIn("sabine", "demo");
    assertThat(management.get("/audit").statusCode()).isEqualTo(200);

    var crew = new BrowserSession(port);
    assertThat(crew.logIn("mia", "demo")).endsWith("/audit");
    var refused = crew.get("/audit");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("The audit pages are for auditors and management");
    assertThat(crew.get("/audit/incident/export.json?key=x").statusCode()).isEqualTo(403);
  }

  @Test
  void thePageChangesNothing() {
    var incident = driver.open(IncidentDriver.question());
    String key = (String) driver.variable(incident, "incidentKey");
    var browser = new BrowserSession(port);
    browser.logIn("ines", "demo");
    browser.get("/audit/incident?key=" + BrowserSession.encode(key));

    assertThat(browser.post("/audit/incident?key=" + BrowserSession.encode(key), "").statusCode()).isEqualTo(405);
    assertThat(new BrowserSession(port).post("/audit/incident?key=" + BrowserSession.encode(key), "").statusCode())
        .as("no CSRF token, no session").isIn(302, 403);
    assertThat(driver.task(incident, "Task_RespondToMention").getAssignee()).isNull();
  }

  @Test
  void theAuditorCanNeitherWorkTasksNorDeleteHistoryThroughRest() {
    var incident = driver.open(IncidentDriver.question());
    String taskId = driver.task(incident, "Task_RespondToMention").getId();
    TestRestTemplate ines = rest.withBasicAuth("ines", "demo");

    var claim = ines.exchange("/engine-rest/task/" + taskId + "/claim", HttpMethod.POST,
        json(Map.of("userId", "ines")), String.class);
    var complete = ines.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
        json(Map.of()), String.class);
    engine.getRuntimeService().deleteProcessInstance(incident.getId(), "test: an ended incident");
    var read = ines.getForEntity("/engine-rest/history/process-instance/" + incident.getId(), String.class);
    var delete = ines.exchange("/engine-rest/history/process-instance/" + incident.getId(), HttpMethod.DELETE,
        null, String.class);
    var operationLog = ines.getForEntity("/engine-rest/history/user-operation?maxResults=1", String.class);

    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(complete.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(delete.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(operationLog.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(incident.getId())
        .count()).isEqualTo(1);
  }

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
