package io.chefsache.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.notify.Links;
import io.chefsache.support.BrowserSession;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.IncidentDriver;
import io.chefsache.support.MentionJson;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
  @Autowired
  Links links;
  @LocalServerPort
  int port;

  @Test
  void withoutLoginTheBrowserIsSentToTheLoginForm() {
    var page = new BrowserSession(port).get("/audit");

    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/audit/login"));
  }

  @Test
  void managementOpensTheIncidentFromItsChatLinkEvenWhenTheThreadIdHasSlashesAndQuestionMarks() throws Exception {
    String thread = MentionJson.uniqueThread("groups/1234/posts") + "/comments;v=2?page=2#top&x=1";
    assertThat(MentionJson.demoSender(port).send(MentionJson.mention(thread).json()).status()).isEqualTo(202);
    URI link = links.incident("facebook:" + thread);
    var browser = new BrowserSession(port);
    browser.logIn("sabine", "demo");

    var page = browser.get(link.getRawPath() + "?" + link.getRawQuery());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(thread.replace("&", "&amp;"));
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
    assertThat(list.body()).contains("id=\"figures\"").contains(key)
        .as("works-council mode: no figures per person").contains("id=\"works-council\"")
        .doesNotContain("id=\"per-person\"");

    var page = browser.get("/audit/incident?key=" + BrowserSession.encode(key));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("script-src 'self'"));
    assertThat(page.body())
        .contains("id=\"timeline\"").contains("Stufenwechsel").contains("Aufgabe „Antwort vorschlagen“")
        .contains("<svg id=\"volume-chart\"").contains("class=\"marker level-2\"")
        .contains("class=\"diagram\"").contains("data-visited=\"").contains("Task_TriageIncident")
        .containsPattern("/audit/assets/vendor/bpmn-js/[0-9.]+/bpmn-navigated-viewer.production.min.js")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;Support&lt;/b&gt;")
        .doesNotContain("<b>Support</b>").doesNotContain("<script>alert");
    Matcher viewer = Pattern.compile("/audit/assets/vendor/bpmn-js/[0-9.]+/").matcher(page.body());
    assertThat(viewer.find()).isTrue();
    for (String asset : List.of("bpmn-navigated-viewer.production.min.js", "diagram-js.css", "bpmn-js.css", "LICENSE")) {
      assertThat(browser.get(viewer.group() + asset).statusCode()).as(asset).isEqualTo(200);
    }
    assertThat(browser.get("/audit/diagram?definition=" + incident.getProcessDefinitionId()).body())
        .contains("<bpmn:process id=\"IncidentEscalationProcess\"");
    String crisis = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("IncidentLevel3Crisis")
        .latestVersion().singleResult().getId();
    assertThat(browser.get("/audit/diagram?definition=" + crisis).body()).as("names drawn without their expressions")
        .contains("name=\"Holding Statement entwerfen\"").doesNotContainPattern("name=\"[^\"]*\\$\\{");
    assertThat(browser.get("/audit/diagram?definition=IncidentTriage:1:unknown").statusCode()).isEqualTo(404);
  }

  @Test
  void theFiguresNameTheGroupsAsAdminDoesNotByTheirIds() {
    var incident = driver.open(IncidentDriver.question());
    driver.complete(incident, "Task_RespondToMention", "mia", Map.of("crewDecision", "close", "closeReason", "Erledigt"));
    var browser = new BrowserSession(port);
    browser.logIn("ines", "demo");

    String page = browser.get("/audit").body();
    String deadlines = page.substring(page.indexOf("id=\"deadlines\""), page.indexOf("</table>", page.indexOf("id=\"deadlines\"")));

    assertThat(deadlines).contains("<td>Social-Media-Crew</td>")
        .doesNotContainPattern(">[^<]*\\b(social-media-crew|management|crisis-team|crisis-approvers)\\b[^<]*<");
  }

  @Test
  void theVolumeChartOfALongRunningIncidentEndsNowWithLabelsThatDoNotOverlap() {
    ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(9))));
    ProcessInstance incident;
    try {
      incident = driver.open(IncidentDriver.question());
    } finally {
      ClockUtil.reset();
    }
    try {
      var browser = new BrowserSession(port);
      browser.logIn("ines", "demo");
      String page = browser.get("/audit/incident?key="
          + BrowserSession.encode((String) driver.variable(incident, "incidentKey"))).body();
      Instant now = Instant.now();
      String chart = page.substring(page.indexOf("<svg id=\"volume-chart\""), page.indexOf("</svg>"));

      Matcher label = Pattern.compile("<text class=\"axis\"[^>]*>").matcher(chart);
      List<Double> labels = new java.util.ArrayList<>();
      while (label.find()) {
        Matcher x = Pattern.compile(" x=\"([0-9.]+)\"").matcher(label.group());
        Matcher at = Pattern.compile(" data-at=\"([^\"]+)\"").matcher(label.group());
        assertThat(x.find() && at.find()).as(label.group()).isTrue();
        assertThat(Instant.parse(at.group(1))).as("no label after now").isBeforeOrEqualTo(now);
        labels.add(Double.parseDouble(x.group(1)));
      }
      labels.sort(null);
      assertThat(labels).as("the start, the end and days between").hasSizeGreaterThanOrEqualTo(3);
      for (int i = 1; i < labels.size(); i++) {
        assertThat(labels.get(i) - labels.get(i - 1)).isGreaterThanOrEqualTo(VolumeChart.LABEL_WIDTH);
      }
    } finally {
      engine.getRuntimeService().deleteProcessInstance(incident.getId(), "test over");
    }
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
    assertThat(browser.get("/audit/exports").body()).contains(head).contains("Vorfall " + key);
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
    assertThat(refused.body()).contains("Die Prüfseiten sind für Prüfer:innen und die Geschäftsleitung");
    assertThat(crew.get("/audit/incident/export.json?key=x").statusCode()).isEqualTo(403);
  }

  @Test
  void thePagesSpeakTheBrowsersLanguageUntilTheViewerSwitches() {
    var incident = driver.open(IncidentDriver.question());
    String page = "/audit/incident?key=" + BrowserSession.encode((String) driver.variable(incident, "incidentKey"));
    var english = new BrowserSession(port).languages("en-US,en;q=0.9,de;q=0.5");
    english.logIn("ines", "demo");
    var french = new BrowserSession(port).languages("fr-FR,fr;q=0.9");
    french.logIn("ines", "demo");

    assertThat(english.get(page).body()).contains("<html lang=\"en\"").contains(">Timeline<")
        .contains("Task &quot;Auf Erwähnung antworten&quot; for Social-Media-Crew").doesNotContain("Zeitleiste");
    assertThat(french.get(page).body()).as("a language without texts falls back to German")
        .contains("<html lang=\"de\"").contains(">Zeitleiste<");

    var switched = english.get(page + "&lang=de");
    assertThat(switched.body()).contains(">Zeitleiste<").contains("Aufgabe „Auf Erwähnung antworten“ für Social-Media-Crew");
    assertThat(english.get("/audit").body()).as("the choice outlasts the page").contains(">Vorfälle<")
        .contains("href=\"/audit?lang=en\"");
    assertThat(english.get(page + "&lang=xx").body()).as("an unknown language changes nothing").contains(">Zeitleiste<");
  }

  @Test
  void whateverCookiesAndHeadersSayThePagesAnswerInGermanOrEnglish() {
    String manyParts = "en-" + String.join("-", java.util.Collections.nCopies(3_900, "*"));
    for (BrowserSession browser : List.of(new BrowserSession(port).cookie("chefsache-language", "%3Cb%3Ex%3C%2Fb%3E"),
        new BrowserSession(port).cookie("chefsache-language", "en/Asia/Tokyo").cookie("chefsache-zone", "America/New_York"),
        new BrowserSession(port).languages(manyParts), new BrowserSession(port).languages("fr, en;q=0.5"))) {
      var login = browser.get("/audit/login");
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.body()).containsPattern("<html lang=\"(de|en)\"").doesNotContain("<b>x</b>");
    }
    var asTheFirstLanguageSays = new BrowserSession(port).languages("fr, en;q=0.5");
    asTheFirstLanguageSays.logIn("ines", "demo");
    assertThat(asTheFirstLanguageSays.get("/audit").body()).as("French first: German, as Tasklist does")
        .contains("<html lang=\"de\"");
    var zoneInTheLanguageCookie = new BrowserSession(port).cookie("chefsache-language", "en/Asia/Tokyo")
        .cookie("chefsache-zone", "America/New_York");
    zoneInTheLanguageCookie.logIn("ines", "demo");
    assertThat(zoneInTheLanguageCookie.get("/audit").body()).contains("data-zone=\"America/New_York\"");
  }

  @Test
  void aPeriodThatIsNoneIsRefusedWithWhatIsWrong() {
    var browser = new BrowserSession(port);
    browser.logIn("ines", "demo");

    var reversed = browser.get("/audit?from=2026-12-10&to=2026-12-01");
    var beyond = browser.get("/audit/export.csv?from=-999999999-01-01");

    assertThat(reversed.statusCode()).isEqualTo(400);
    assertThat(reversed.body()).contains("„Von“ liegt nach „Bis“");
    assertThat(beyond.statusCode()).isEqualTo(400);
    assertThat(beyond.body()).contains("„Von“ liegt außerhalb jedes möglichen Zeitraums");
    assertThat(browser.get("/audit/exports").body()).doesNotContain("-999999999");
  }

  @Test
  void timesAreInTheViewersTimeZoneWithTheZoneNamed() {
    var incident = driver.open(IncidentDriver.question());
    String page = "/audit/incident?key=" + BrowserSession.encode((String) driver.variable(incident, "incidentKey"));
    var opened = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(incident.getId())
        .singleResult().getStartTime().toInstant();
    var berlin = new BrowserSession(port);
    berlin.logIn("ines", "demo");
    var newYork = new BrowserSession(port).languages("en-US").cookie("chefsache-zone", "America/New_York");
    newYork.logIn("ines", "demo");
    var unknownZone = new BrowserSession(port).cookie("chefsache-zone", "Mars/Olympus");
    unknownZone.logIn("ines", "demo");

    String german = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(Locale.GERMAN)
        .withZone(ZoneId.of("Europe/Berlin")).format(opened);
    String english = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(Locale.ENGLISH)
        .withZone(ZoneId.of("America/New_York")).format(opened);
    assertThat(berlin.get(page).body()).as("without the browser's zone: the configured one")
        .contains("Zeiten in Europe/Berlin").containsPattern(Pattern.quote(german) + " (MEZ|MESZ)")
        .contains("data-zone=\"Europe/Berlin\"");
    assertThat(newYork.get(page).body()).contains("Times in America/New_York")
        .containsPattern(Pattern.quote(english) + " E[SD]T").contains("data-zone=\"America/New_York\"");
    assertThat(unknownZone.get(page).body()).contains("Zeiten in Europe/Berlin");
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
