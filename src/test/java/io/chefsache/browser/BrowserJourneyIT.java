package io.chefsache.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.escalation.IncidentVariables;
import io.chefsache.security.Roles;
import io.chefsache.support.Chromium;
import io.chefsache.support.MentionJson;
import io.chefsache.support.OutboundStub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The people's journeys in real headless Chromium against the application on a random port, with
 * the job executor on and the platforms played by WireMock. Screenshots of the key screens land in
 * {@code target/browser-screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"demo", "test"})
@ContextConfiguration(initializers = OutboundStub.class)
@EnabledIf(value = "io.chefsache.support.Chromium#installed", disabledReason = Chromium.MISSING)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserJourneyIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String RED = "rgba(181, 21, 43, 1)";
  private static final String ROW = "const row = [...document.querySelectorAll('li.task')]"
      + ".find(li => li.querySelector(\"a[href='#/?task=\" + arguments[0] + \"']\"));";
  private static final List<String> HOSTILE = List.of("<img src=x onerror=alert(1)>", "<script>alert(1)</script>",
      "{{constructor.constructor('alert(1)')()}}");

  @Autowired
  ProcessEngine engine;
  @LocalServerPort
  int port;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  @Order(1)
  void theCrewAnswersAMentionInTasklistAndTheReplyIsPublished() throws Exception {
    String reply = "Samstags von 10 bis 16 Uhr - bis bald! " + System.nanoTime();
    JsonNode incident = send(MentionJson.mention(MentionJson.uniqueThread("browser-question"))
        .with("platform", "mastodon").with("text", "Habt ihr samstags offen?"));
    Task task = awaitTask(incident, "Task_RespondToMention");

    try (var mia = new Chromium(port)) {
      mia.logIntoTasklist("mia");
      mia.click(filter("Social-Media-Crew"));
      mia.click(taskInList(task));
      mia.screenshot("1-crew-task");
      mia.claim();
      mia.click(mia.formField("crewDecision-0"));
      mia.type(mia.formField("replyText"), reply);
      mia.screenshot("1-crew-form-filled");
      mia.click(completeButton());

      await().atMost(PATIENCE).untilAsserted(() -> assertThat(OutboundStub.server().findAll(
          postRequestedFor(urlPathEqualTo(OutboundStub.MASTODON_STATUSES)).withRequestBody(containing(reply))))
          .hasSize(1));
      await().atMost(PATIENCE).until(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceId(incident.get("processInstanceId").asText()).finished().count() == 1);
      mia.screenshot("1-crew-completed");
    }
  }

  @Test
  @Order(2)
  void managementApprovesTheCrewsProposalInTasklistAndTheReplyIsPublished() throws Exception {
    String proposal = "Das tut uns sehr leid. Wir tauschen die Gabel kostenlos. " + System.nanoTime();
    JsonNode incident = send(MentionJson.mention(MentionJson.uniqueThread("browser-fork")).negative()
        .with("author", Map.of("handle", "@velo_journal", "followers", 80_000))
        .with("topics", List.of("customer-service")).with("text", "Gabel gebrochen, Support lacht mich aus."));
    Task propose = awaitTask(incident, "Task_ProposeReply");

    try (var jonas = new Chromium(port)) {
      jonas.logIntoTasklist("jonas");
      jonas.click(filter("Social-Media-Crew"));
      jonas.click(taskInList(propose));
      jonas.claim();
      jonas.type(jonas.formField("proposedReply"), proposal);
      jonas.screenshot("2-crew-proposal");
      jonas.click(completeButton());
    }
    Task decide = awaitTask(incident, "Task_DecideOnReply");
    try (var sabine = new Chromium(port)) {
      sabine.logIntoTasklist("sabine");
      sabine.click(filter("Entscheidungen der Geschäftsleitung"));
      sabine.await(By.cssSelector("li.task a[href='#/?task=" + decide.getId() + "']"));
      assertThat(sabine.driver().findElement(By.xpath("//li[contains(@class,'task')][.//a[@href='#/?task="
          + decide.getId() + "']]//span[contains(@class,'due-date')]")).getText()).startsWith("Due");
      sabine.screenshot("2-management-filter-with-due-date");
      sabine.click(taskInList(decide));
      sabine.claim();
      assertThat(sabine.await(sabine.formField("proposedReply")).getAttribute("value")).isEqualTo(proposal);
      sabine.click(sabine.formField("managementDecision-0"));
      sabine.type(sabine.formField("decisionReason"), "Fakten geprüft");
      sabine.screenshot("2-management-decision");
      sabine.click(completeButton());

      await().atMost(PATIENCE).untilAsserted(() -> assertThat(OutboundStub.server().findAll(
          postRequestedFor(urlPathEqualTo(OutboundStub.GATEWAY)).withRequestBody(containing(proposal)))).hasSize(1));
    }
  }

  @Test
  @Order(3)
  void theAuditorReadsTheIncidentOnTheAuditPageAndCannotWorkInTasklist() throws Exception {
    JsonNode incident = send(MentionJson.mention(MentionJson.uniqueThread("browser-audit")).negative()
        .with("author", Map.of("handle", "@velo_journal", "followers", 80_000))
        .with("topics", List.of("customer-service")).with("text", "Gabel gebrochen, Support lacht mich aus."));
    String level2Incident = incident.get("incidentKey").asText();
    completeAs("jonas", Roles.CREW, awaitTask(incident, "Task_ProposeReply"),
        Map.of("proposedReply", "Das tut uns leid. Wir tauschen die Gabel."));
    completeAs("sabine", Roles.MANAGEMENT, awaitTask(incident, "Task_DecideOnReply"),
        Map.of("managementDecision", "approve", "decisionReason", "Fakten geprüft"));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(OutboundStub.server().findAll(
        postRequestedFor(urlPathEqualTo(OutboundStub.GATEWAY)).withRequestBody(containing("Wir tauschen die Gabel."))))
        .hasSize(1));
    try (var ines = new Chromium(port)) {
      ines.logIntoAudit("ines");
      ines.await(By.id("incidents"));
      ines.click(By.linkText(level2Incident));
      ines.awaitText(By.id("incident-key"), level2Incident);
      ines.awaitText(By.id("timeline"), "Über Antwort entscheiden");
      assertThat(ines.driver().findElement(By.id("timeline")).getText())
          .contains("completed by jonas").contains("completed by sabine").contains("Reply on facebook: sent");
      assertThat(ines.driver().findElements(By.cssSelector("#volume-chart rect.bar"))).isNotEmpty();
      assertThat(ines.driver().findElements(By.cssSelector("#volume-chart .marker"))).isNotEmpty();
      ines.await(By.cssSelector(".diagram[data-rendered='true'] svg"));
      assertThat(ines.driver().findElements(By.cssSelector(".diagram .djs-element.visited"))).isNotEmpty();
      ines.screenshot("3-auditor-incident-page");

      ines.logIntoTasklist("ines");
      ines.awaitText(By.tagName("body"), "Login Failed");
      assertThat(ines.driver().findElements(By.cssSelector("button.claim"))).isEmpty();
      ines.screenshot("3-auditor-refused-by-tasklist");
    }
  }

  @Test
  @Order(4)
  void hostileMentionTextIsShownLiterallyAndNothingRuns() throws Exception {
    try (var mia = new Chromium(port); var ines = new Chromium(port)) {
      mia.logIntoTasklist("mia");
      mia.await(filter("Social-Media-Crew"));
      ines.logIntoAudit("ines");
      ines.await(By.id("incidents"));
      ((JavascriptExecutor) ines.driver()).executeScript("setTimeout(() => alert('probe'), 500);");
      assertThat(ines.dialogOpened()).as("the check sees a dialog a script opens late").isTrue();
      int shot = 0;
      for (String text : HOSTILE) {
        JsonNode incident = send(MentionJson.mention(MentionJson.uniqueThread("browser-hostile")).with("text", text));
        Task task = awaitTask(incident, "Task_RespondToMention");

        mia.open("/camunda/app/tasklist/default/#/?task=" + task.getId());
        assertThat(mia.await(mia.formField("mentionText")).getAttribute("value")).isEqualTo(text);
        assertThat(mia.dialogOpened()).as("a dialog in Tasklist for " + text).isFalse();
        assertThat(mia.driver().findElements(By.cssSelector("img[src='x']"))).isEmpty();
        mia.screenshot("4-tasklist-hostile-" + ++shot);

        ines.open("/audit/incident?key=" + incident.get("incidentKey").asText().replace(":", "%3A"));
        ines.awaitText(By.id("timeline"), "first mention");
        assertThat(ines.driver().findElement(By.id("timeline")).getText()).contains("first mention: " + text);
        assertThat(ines.dialogOpened()).as("a dialog on the audit page for " + text).isFalse();
        assertThat(ines.driver().findElements(By.cssSelector("#timeline img, #timeline script"))).isEmpty();
        ines.screenshot("4-audit-hostile-" + shot);
      }
    }
  }

  @Test
  @Order(5)
  void theCrewQueueShowsIncidentAuthorMentionAndDueDateSoonestFirstAndEveryFilterItsCount() throws Exception {
    List<Row> rows = new ArrayList<>();
    String[] authors = {"@kunde_431", "@radlerin_7", "@pendler_88"};
    int[] dueInMinutes = {35, -5, 15};
    for (int i = 0; i < authors.length; i++) {
      String text = "Frage " + i + " zur Lieferung meines E-Bikes, bestellt vor drei Wochen und noch immer nicht da";
      JsonNode incident = send(MentionJson.mention(MentionJson.uniqueThread("browser-queue"))
          .with("author", Map.of("handle", authors[i], "followers", 300, "verified", false)).with("text", text));
      Task task = awaitTask(incident, "Task_RespondToMention");
      engine.getTaskService().setDueDate(task.getId(),
          Date.from(Instant.now().plus(Duration.ofMinutes(dueInMinutes[i]))));
      // the first words, as the intake keeps them for Tasklist's rows
      String excerpt = (String) engine.getRuntimeService().getVariable(task.getProcessInstanceId(),
          IncidentVariables.MENTION_EXCERPT);
      assertThat(excerpt).startsWith("Frage " + i + " zur Lieferung meines E-Bikes").endsWith("…")
          .hasSizeLessThanOrEqualTo(80);
      rows.add(new Row(task, incident.get("incidentKey").asText(), authors[i], excerpt));
    }
    Task claimed = rows.get(2).task();
    engine.getTaskService().claim(claimed.getId(), "mia");

    try (var mia = new Chromium(port)) {
      mia.logIntoTasklist("mia");
      mia.click(filter("Social-Media-Crew"));
      Instant listShown = Instant.now();
      for (Row row : rows) {
        mia.awaitText(taskRow(row.task()), row.excerpt());
      }
      mia.awaitText(By.cssSelector("[cam-sorting-choices] .sort-by"), "Due date");

      // Read in one go: Tasklist renders the list again every 10 seconds
      await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
        for (Row row : rows) {
          assertThat(rowText(mia, row.task())).contains("Vorfall:", row.incidentKey(), "Verfasser:in:", row.author(),
              "Erwähnung:", row.excerpt(), "Stufe:", "Due");
          assertThat(cutOffColumns(mia, row.task())).as("columns ending in …").isZero();
        }
        List<String> shown = tasksOnScreen(mia);
        assertThat(shown).containsSubsequence(rows.get(1).task().getId(), rows.get(2).task().getId(),
            rows.get(0).task().getId());
        assertThat(shown).extracting(id -> engine.getTaskService().createTaskQuery().taskId(id).singleResult()
            .getDueDate()).as("the rows on screen, soonest due first").isSorted();
        assertThat(dueDateColor(mia, rows.get(1).task())).as("the overdue row's due date").isEqualTo(RED);
      });
      mia.screenshot("5-crew-queue-columns-soonest-due-first");

      // A deadline passing while the page is open: Tasklist compares with the moment the list was first shown
      await().atMost(PATIENCE).until(() -> Instant.now().isAfter(listShown.plusSeconds(3)));
      engine.getTaskService().setDueDate(rows.get(0).task().getId(), Date.from(Instant.now().minusSeconds(1)));
      await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(dueDateColor(mia, rows.get(0).task()))
          .as("the due date of a row that became overdue").isEqualTo(RED));
      // Tasklist lists the filter again every 10 seconds and renders new rows: mark the row on screen,
      // wait until it has been replaced, and look again
      ((JavascriptExecutor) mia.driver()).executeScript(ROW + "row.dataset.seenBefore = 'yes';",
          rows.get(0).task().getId());
      await().atMost(PATIENCE).ignoreExceptions().until(() -> (Boolean) ((JavascriptExecutor) mia.driver())
          .executeScript(ROW + "return !!row && row.dataset.seenBefore !== 'yes';", rows.get(0).task().getId()));
      await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(dueDateColor(mia, rows.get(0).task()))
          .as("still red after Tasklist listed the filter again").isEqualTo(RED));

      for (String other : List.of("Überfällig", "Meine Aufgaben")) {
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(
            mia.driver().findElements(filterCount(other))).extracting(WebElement::getText).as("count beside " + other)
            .containsExactly(String.valueOf(countAs("mia", other))));
      }
      assertThat(countAs("mia", "Überfällig")).isPositive();
      assertThat(countAs("mia", "Meine Aufgaben")).isPositive();
      mia.screenshot("5-every-filter-with-its-count");
    }
  }

  @Test
  @Order(6)
  void staffSeeTheWebappsAndTheAuditPagesInTheirBrowsersLanguageBrandedAndWithoutTheEndOfLifeBanner() throws Exception {
    try (var sabine = new Chromium(port, "de-DE")) {
      sabine.logIntoTasklist("sabine");
      sabine.awaitText(By.cssSelector("[cam-sorting-choices] .sort-by"), "Fälligkeitsdatum");
      assertThat(sabine.driver().findElement(By.cssSelector("[cam-widget-header] .navbar-brand")).getText())
          .contains("Chefsache");
      assertNoEndOfLifeBanner(sabine);
      sabine.screenshot("6-tasklist-de");
    }
    JsonNode incident = send(MentionJson.mention(MentionJson.uniqueThread("browser-german-form"))
        .with("text", "Habt ihr sonntags offen?"));
    Task question = awaitTask(incident, "Task_RespondToMention");
    try (var mia = new Chromium(port, "de-DE")) {
      mia.logIntoTasklist("mia");
      mia.open("/camunda/app/tasklist/default/#/?task=" + question.getId());
      mia.claim();
      mia.click(By.xpath("//button[normalize-space()='Abschließen']"));
      WebElement required = mia.await(By.cssSelector(".fjs-form-field-error li[data-chefsache-text]"));
      assertThat(((JavascriptExecutor) mia.driver()).executeScript(
          "return getComputedStyle(arguments[0], '::before').content", required))
          .as("Camunda Forms' own validation message, shown in German").isEqualTo("\"Bitte ausfüllen: Pflichtfeld.\"");
      mia.screenshot("6-tasklist-form-validation-de");
    }
    try (var felix = new Chromium(port, "de-DE")) {
      felix.logIntoWebapp("cockpit", "felix");
      felix.awaitText(By.tagName("body"), "Laufende Prozessinstanzen");
      assertNoEndOfLifeBanner(felix);
      felix.screenshot("6-cockpit-de");
    }
    try (var felix = new Chromium(port, "en-US")) {
      felix.logIntoWebapp("cockpit", "felix");
      felix.awaitText(By.tagName("body"), "Running Process Instances");
      assertNoEndOfLifeBanner(felix);
      felix.screenshot("6-cockpit-en");
    }
    try (var ines = new Chromium(port, "de-DE", "America/New_York")) {
      ines.logIntoAudit("ines");
      ines.await(By.id("incidents"));
      ines.awaitText(By.id("time-zone"), "Zeiten in America/New_York");
      assertThat(ines.driver().findElement(By.tagName("main")).getText()).contains("Kennzahlen vom")
          .contains("Verpasste Fristen");
      ines.click(By.linkText(incident.get("incidentKey").asText()));
      ines.awaitText(By.id("timeline"), "„Auf Erwähnung antworten“ übernommen von mia");
      assertThat(ines.driver().findElement(By.id("timeline")).getText()).contains("Vorfall eröffnet");
      ines.screenshot("6-audit-incident-de");
      ines.click(By.cssSelector("#languages a[lang='en']"));
      ines.awaitText(By.id("timeline"), "\"Auf Erwähnung antworten\" claimed by mia");
      assertThat(ines.driver().findElement(By.id("time-zone")).getText()).contains("Times in America/New_York");
      ines.screenshot("6-audit-incident-en");
    }
  }

  /** Camunda renders its "time to migrate" banner for the Community Edition; Chefsache's styles hide it. */
  private static void assertNoEndOfLifeBanner(Chromium browser) {
    List<WebElement> banners = browser.driver().findElements(By.cssSelector(".ce-eol-banner"));
    assertThat(banners).as("Camunda's banner is on the page (Community Edition)").isNotEmpty();
    assertThat(banners).noneMatch(WebElement::isDisplayed);
  }

  private record Row(Task task, String incidentKey, String author, String excerpt) {
  }

  /** A person claims and completes a task as Tasklist would, signed in as {@code user} of {@code group}. */
  private void completeAs(String user, String group, Task task, Map<String, Object> form) {
    engine.getTaskService().claim(task.getId(), user);
    engine.getIdentityService().setAuthentication(user, List.of(group));
    try {
      engine.getTaskService().complete(task.getId(), form);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private static String dueDateColor(Chromium browser, Task task) {
    return browser.driver().findElement(taskRow(task)).findElement(By.cssSelector(".due-date")).getCssValue("color");
  }

  private static String rowText(Chromium browser, Task task) {
    return (String) ((JavascriptExecutor) browser.driver()).executeScript(ROW + "return row ? row.innerText : '';",
        task.getId());
  }

  /** How many of a row's column values are cut off (too long for their box, ending in "…"). */
  private static long cutOffColumns(Chromium browser, Task task) {
    return (Long) ((JavascriptExecutor) browser.driver()).executeScript(ROW
        + "return row ? [...row.querySelectorAll('.variable-value')]"
        + ".filter(v => v.scrollWidth > v.clientWidth || v.scrollHeight > v.clientHeight + 1).length : -1;",
        task.getId());
  }

  @SuppressWarnings("unchecked")
  private static List<String> tasksOnScreen(Chromium browser) {
    return ((List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
        "return [...document.querySelectorAll('li.task a[href^=\"#/?task=\"]')]"
        + ".map(a => a.getAttribute('href').replace(/.*task=/, ''));")).stream().distinct().toList();
  }

  private long countAs(String user, String filterName) {
    var identity = engine.getIdentityService();
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identity.setAuthentication(user, groups);
    try {
      return engine.getFilterService().count(
          engine.getFilterService().createFilterQuery().filterName(filterName).singleResult().getId());
    } finally {
      identity.clearAuthentication();
    }
  }

  private JsonNode send(MentionJson mention) throws Exception {
    var answer = MentionJson.demoSender(port).send(mention.json());
    assertThat(answer.status()).isEqualTo(202);
    return json.readTree(answer.body());
  }

  private Task awaitTask(JsonNode incident, String taskKey) {
    String key = incident.get("incidentKey").asText();
    return await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(key).taskDefinitionKey(taskKey).singleResult(), task -> task != null);
  }

  private static By filter(String name) {
    return By.xpath("//div[contains(@class,'task-filter')]//a[contains(normalize-space(.), '" + name + "')]");
  }

  private static By taskRow(Task task) {
    return By.xpath("//li[contains(@class,'task')][.//a[@href='#/?task=" + task.getId() + "']]");
  }

  /** The count Chefsache writes beside a filter's name (Tasklist itself counts the selected filter only). */
  private static By filterCount(String name) {
    return By.xpath("//div[contains(@class,'task-filter')]//a[contains(normalize-space(.), '" + name
        + "')]/span[contains(@class,'chefsache-count')]");
  }

  private static By taskInList(Task task) {
    return By.cssSelector("li.task a[href='#/?task=" + task.getId() + "']");
  }

  private static By completeButton() {
    return By.xpath("//button[normalize-space()='Complete']");
  }
}
