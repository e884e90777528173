package io.chefsache.escalation;

import static io.chefsache.support.IncidentDriver.figures;
import static io.chefsache.support.IncidentDriver.question;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A process owner changes a deadline and a threshold in the decision tables and deploys them the way
 * Camunda Modeler does. New incidents follow the new rules; running incidents keep theirs.
 */
class ProcessOwnerDeploymentTest extends EscalationTestBase {

  @Autowired
  TestRestTemplate rest;

  @Test
  void newIncidentsFollowTheProcessOwnersRulesWhileRunningIncidentsKeepTheirs() throws IOException {
    var running = driver.open(question());

    ResponseEntity<String> deployment = deployAsModelerDoes("felix",
        packaged("ResponseDeadlines.dmn").replace("<text>\"PT60M\"</text>", "<text>\"PT20M\"</text>"),
        packaged("IncidentTriage.dmn")
            .replace("<inputEntry id=\"UnaryTests_Volume_Negative\"><text>&gt;= 20</text>",
                "<inputEntry id=\"UnaryTests_Volume_Negative\"><text>&gt;= 10</text>")
            .replace("\"20 oder mehr negative Erwähnungen in 60 Minuten\"",
                "\"10 oder mehr negative Erwähnungen in 60 Minuten\""));
    var fresh = driver.open(question());

    assertThat(deployment.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(driver.task(fresh, "Task_RespondToMention").getDueDate().toInstant())
        .isCloseTo(Instant.now().plus(Duration.ofMinutes(20)), within(1, ChronoUnit.MINUTES));
    assertThat(driver.task(running, "Task_RespondToMention").getDueDate().toInstant())
        .isCloseTo(Instant.now().plus(Duration.ofMinutes(60)), within(1, ChronoUnit.MINUTES));

    var twelveAngryPeople = figures(13, 12, 400, -0.6, "customer-service");
    driver.reportNewActivity(running, twelveAngryPeople);
    driver.reportNewActivity(fresh, twelveAngryPeople);

    assertThat(driver.variable(running, "level")).isEqualTo(1);
    assertThat(driver.variable(fresh, "level")).isEqualTo(2);
    assertThat(driver.variable(fresh, "levelCause")).isEqualTo("Neue Aktivität: 10 oder mehr negative Erwähnungen in 60 Minuten");
  }

  @Test
  void crewMembersCannotChangeTheRules() throws IOException {
    ResponseEntity<String> deployment = deployAsModelerDoes("mia", packaged("ResponseDeadlines.dmn"),
        packaged("IncidentTriage.dmn"));

    assertThat(deployment.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      two rows for one step   | <text>"responseReminder"</text>  | <text>"responseDue"</text>   | level 2: two rows for step responseDue
      a deadline in words     | <text>"PT30M"</text>             | <text>"30 Minuten"</text>    | level 2, step responseDue: deadline 30 Minuten is no ISO-8601 duration
      """)
  void aDeadlineTableTheTimersCouldNotUseIsRefusedNamingLevelAndStep(String mistake, String row, String changed,
      String refusal) throws IOException {
    String table = packaged("ResponseDeadlines.dmn");
    int managementRows = table.indexOf("<rule id=\"Rule_Management_");
    // the first such cell of level 2's rows
    String broken = table.substring(0, managementRows) + table.substring(managementRows).replaceFirst(Pattern.quote(row),
        changed);
    long versions = engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey("ResponseDeadlines")
        .count();

    ResponseEntity<String> deployment = deployAsModelerDoes("felix", broken, packaged("IncidentTriage.dmn"));

    assertThat(broken).isNotEqualTo(table);
    assertThat(deployment.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(deployment.getBody()).contains(refusal).contains("\"mainElementId\":\"ResponseDeadlines\"");
    assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey("ResponseDeadlines")
        .count()).isEqualTo(versions);
  }

  @Test
  void aTableInTheEarlierOneRowPerLevelFormIsRefusedSayingWhatTheRowsNeed() throws IOException {
    ResponseEntity<String> deployment = deployAsModelerDoes("felix", packaged("ResponseDeadlines-one-row-per-level.dmn"),
        packaged("IncidentTriage.dmn"));

    assertThat(deployment.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(deployment.getBody()).contains("level 0: a row without a step (outputs step and due, one row per level and step");
  }

  /** Later tests of the shared context expect the packaged rules: deploy them again as the newest version. */
  @AfterEach
  void restorePackagedRules() throws IOException {
    engine.getRepositoryService().createDeployment().name("test-restore-packaged-rules")
        .addString("IncidentTriage.dmn", packaged("IncidentTriage.dmn"))
        .addString("ResponseDeadlines.dmn", packaged("ResponseDeadlines.dmn"))
        .deploy();
  }

  private ResponseEntity<String> deployAsModelerDoes(String user, String deadlines, String triage) {
    var body = new LinkedMultiValueMap<String, Object>();
    body.add("deployment-name", "crisis-plan-change");
    body.add("deployment-source", "Camunda Modeler");
    body.add("deploy-changed-only", "true");
    body.add("ResponseDeadlines.dmn", file("ResponseDeadlines.dmn", deadlines));
    body.add("IncidentTriage.dmn", file("IncidentTriage.dmn", triage));
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth(user, "demo")
        .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(body, headers), String.class);
  }

  private static ByteArrayResource file(String name, String content) {
    return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }

  private static String packaged(String name) throws IOException {
    try (InputStream in = ProcessOwnerDeploymentTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
