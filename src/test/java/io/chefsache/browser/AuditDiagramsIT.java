package io.chefsache.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.escalation.IncidentVariables;
import io.chefsache.support.BrowserSession;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.Chromium;
import io.chefsache.support.IncidentDriver;
import io.chefsache.support.MentionJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every process diagram on the audit page of an incident at each level and of a situation is drawn
 * in real headless Chromium, under the audit pages' Content-Security-Policy, with the steps it
 * passed and the one it waits at marked and the bpmn.io watermark visible (issue #19). Screenshots
 * of the diagrams land in {@code target/browser-screenshots/audit-diagrams-*.png}.
 */
@ChefsacheTest
@EnabledIf(value = "io.chefsache.support.Chromium#installed", disabledReason = Chromium.MISSING)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditDiagramsIT {

  /** What the page's script did with each diagram container, read in the browser. */
  private static final String DIAGRAMS = """
      const drawn = (d, ids) => ids.filter(id => d.querySelector('.djs-element[data-element-id="' + CSS.escape(id) + '"]'));
      const marked = (d, ids, marker) => ids.filter(id => d.querySelector('.djs-element.' + marker
          + '[data-element-id="' + CSS.escape(id) + '"]'));
      const ids = (value) => (value || '').split(' ').filter(Boolean);
      return [...document.querySelectorAll('.diagram')].map(d => {
        const visited = drawn(d, ids(d.dataset.visited));
        const current = drawn(d, ids(d.dataset.current));
        const shape = d.querySelector('.djs-element.visited .djs-visual > :first-child');
        const watermark = d.querySelector('.bjs-powered-by');
        return {
          name: d.parentElement.querySelector('h3').textContent,
          rendered: d.dataset.rendered === 'true',
          svg: d.querySelectorAll('svg .djs-element').length,
          failed: d.textContent.includes(d.dataset.failed),
          text: d.textContent.slice(0, 300),
          warnings: d.dataset.warnings || '0',
          visited: visited.length,
          visitedMarked: marked(d, visited, 'visited').length,
          current: current.length,
          currentMarked: marked(d, current, 'current').length,
          visitedFill: shape ? getComputedStyle(shape).fill : '',
          watermark: !!watermark && watermark.getBoundingClientRect().width > 0
              && getComputedStyle(watermark).visibility !== 'hidden' && getComputedStyle(watermark).display !== 'none'
        };
      });
      """;

  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentDriver driver;
  @LocalServerPort
  int port;

  private final ObjectMapper json = new ObjectMapper();
  private Chromium ines;

  @BeforeAll
  void auditorLogsIn() {
    ines = new Chromium(port, "de-DE");
    ines.logIntoAudit("ines");
    ines.await(By.id("incidents"));
  }

  @AfterAll
  void closeBrowser() {
    if (ines != null) {
      ines.close();
    }
  }

  @Test
  void aQuestionAtLevel1() throws Exception {
    ProcessInstance incident = send(MentionJson.mention(MentionJson.uniqueThread("diagrams-question"))
        .with("text", "Habt ihr samstags offen?"));

    assertThat(showsEveryDiagramDrawn(key(incident), "level-1", true)).hasSizeGreaterThanOrEqualTo(2);
  }

  /** An incident that ended: no diagram has a current step (the template leaves the attribute out). */
  @Test
  void anAnsweredQuestionThatEnded() throws Exception {
    ProcessInstance incident = send(MentionJson.mention(MentionJson.uniqueThread("diagrams-answered"))
        .with("text", "Wo finde ich die Rechnung?"));
    driver.complete(incident, "Task_RespondToMention", "mia",
        Map.of("crewDecision", "reply", "replyText", "Im Kundenkonto unter Bestellungen."));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(incident.getId())
        .finished().count()).isEqualTo(1);

    assertThat(showsEveryDiagramDrawn(key(incident), "level-1-ended", false))
        .allSatisfy(diagram -> assertThat(diagram).containsEntry("current", 0L));
  }

  @Test
  void anInfluencersComplaintAtLevel2WithLanes() throws Exception {
    ProcessInstance incident = send(MentionJson.mention(MentionJson.uniqueThread("diagrams-influencer")).negative()
        .with("author", Map.of("handle", "@velo_journal", "followers", 80_000, "verified", false))
        .with("text", "Gabel gebrochen, Support lacht mich aus."));
    driver.complete(incident, "Task_ProposeReply", "mia",
        Map.of("proposedReply", "Das tut uns leid, wir tauschen die Gabel.", "proposalNote", "Foto geprüft"));

    assertThat(showsEveryDiagramDrawn(key(incident), "level-2", true)).as("the management level's diagram (lanes)")
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aShitstormAtLevel3() {
    ProcessInstance incident = driver.open(IncidentDriver.shitstorm());
    driver.complete(incident, "Task_DraftHoldingStatement", "lena", Map.of("holdingStatement", "Wir prüfen das."));

    assertThat(showsEveryDiagramDrawn(key(incident), "level-3", true)).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aSituationAndOneOfItsThreads() throws Exception {
    String story = "diagrams-story-" + System.nanoTime();
    ProcessInstance first = send(MentionJson.mention(MentionJson.uniqueThread("diagrams-story")).negative()
        .with("storyId", story).with("text", "Die Gabel ist gebrochen!"));
    ProcessInstance second = send(MentionJson.mention(MentionJson.uniqueThread("diagrams-story")).negative()
        .with("platform", "instagram").with("storyId", story).with("text", "Bei mir auch, Gabel durch."));
    String situationKey = (String) driver.variable(first, "situationKey");
    assertThat(driver.variable(second, "situationKey")).isEqualTo(situationKey);
    ProcessInstance situation = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("SituationProcess").processInstanceBusinessKey(situationKey).singleResult();
    for (int round = 0; round < 3; round++) {
      driver.runJobs(situation.getId());
      driver.runJobs(first.getId());
      driver.runJobs(second.getId());
    }

    showsEveryDiagramDrawn(situationKey, "situation", true);
    showsEveryDiagramDrawn(key(first), "situation-thread", true);
  }

  /**
   * Opens the audit page of {@code key}, waits until the script has handled every diagram, asserts
   * each is drawn without import warnings, with its markers and watermark, that the console stayed
   * free of errors (a script or style refused by the Content-Security-Policy is one), and takes a
   * screenshot of the diagrams. {@code waiting}: whether the incident waits at a step, outlined.
   */
  private List<Map<String, Object>> showsEveryDiagramDrawn(String key, String shot, boolean waiting) {
    ines.consoleErrors();
    ines.open("/audit/incident?key=" + BrowserSession.encode(key));
    ines.awaitText(By.id("incident-key"), key);
    new WebDriverWait(ines.driver(), Duration.ofSeconds(30)).until(page -> (Boolean) script(
        "return [...document.querySelectorAll('.diagram')].every(d => d.dataset.rendered === 'true'"
            + " || d.textContent.includes(d.dataset.failed));"));
    @SuppressWarnings("unchecked")
    var diagrams = (List<Map<String, Object>>) script(DIAGRAMS);
    script("document.querySelector('.diagram-block').parentElement.scrollIntoView({block: 'start'});");
    ines.screenshot("audit-diagrams-" + shot);

    assertThat(diagrams).as("diagrams on the page of " + key).isNotEmpty();
    assertThat(diagrams).allSatisfy(diagram -> {
      assertThat(diagram).as(diagram.toString())
          .containsEntry("rendered", true).containsEntry("failed", false).containsEntry("warnings", "0")
          .containsEntry("watermark", true);
      assertThat((Long) diagram.get("svg")).as("shapes drawn in " + diagram.get("name")).isPositive();
      assertThat(diagram.get("visitedMarked")).as("visited steps marked in " + diagram.get("name"))
          .isEqualTo(diagram.get("visited"));
      assertThat(diagram.get("currentMarked")).as("current steps marked in " + diagram.get("name"))
          .isEqualTo(diagram.get("current"));
      assertThat((Long) diagram.get("visited")).as("visited steps drawn in " + diagram.get("name")).isPositive();
      assertThat(diagram.get("visitedFill")).as("visited steps filled green in " + diagram.get("name"))
          .isEqualTo("rgb(215, 240, 218)");
    });
    if (waiting) {
      assertThat(diagrams).as("the step it waits at is outlined").anyMatch(d -> (Long) d.get("currentMarked") > 0);
    }
    assertThat(ines.consoleErrors()).as("console errors on the page of " + key)
        .noneMatch(message -> !message.contains("favicon.ico"));
    @SuppressWarnings("unchecked")
    List<String> rows = (List<String>) script(
        "return [...document.querySelectorAll('#timeline tbody tr')].map(row => row.dataset.at);");
    List<Instant> times = rows.stream().map(Instant::parse).toList();
    assertThat(times).as("timeline rows of " + key).isNotEmpty().isSorted()
        .allSatisfy(at -> assertThat(at).as("no row after now").isBeforeOrEqualTo(Instant.now()));
    assertThat(ines.driver().findElement(By.id("timeline")).getText()).doesNotContain("{").doesNotContain("}");
    return diagrams;
  }

  private Object script(String script) {
    return ((JavascriptExecutor) ines.driver()).executeScript(script);
  }

  private ProcessInstance send(MentionJson mention) throws Exception {
    var answer = MentionJson.demoSender(port).send(mention.json());
    assertThat(answer.status()).isEqualTo(202);
    JsonNode accepted = json.readTree(answer.body());
    ProcessInstance incident = driver.instance(accepted.get("processInstanceId").asText());
    driver.runJobs(incident.getId());
    return incident;
  }

  private String key(ProcessInstance incident) {
    return (String) driver.variable(incident, IncidentVariables.INCIDENT_KEY);
  }
}
