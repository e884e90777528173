package io.chefsache.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.replay.ReplayCommand;
import io.chefsache.security.BreakGlassRecord;
import io.chefsache.support.Chromium;
import io.chefsache.support.MentionJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Profile {@code oidc} against an OpenID Connect provider running inside the test (mock-oauth2-server,
 * with its sign-in form): people sign in to Tasklist and the audit pages in real Chromium through the
 * provider's redirect, their groups come from the provider's groups claim through the company's group
 * names ({@code CHEFSACHE_GROUPS_*}), REST takes the provider's bearer tokens, the intake keeps its
 * signatures, and the local admin signs in through the break-glass login while the provider is down.
 * Every setting company-login.md documents is set here as the environment variable it names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"oidc", "test"})
@EnabledIf(value = "io.chefsache.support.Chromium#installed", disabledReason = Chromium.MISSING)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CompanyLoginIT {

  private static final String ISSUER = "company";
  private static final String CLIENT = "chefsache";
  private static final String ADMIN_PASSWORD = "Lokal-Notfall-2026!";
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final MockOAuth2Server PROVIDER = new MockOAuth2Server(
      OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));

  @Autowired
  ProcessEngine engine;
  @Autowired
  BreakGlassRecord breakGlass;
  @LocalServerPort
  int port;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void companyProvider(DynamicPropertyRegistry settings) {
    PROVIDER.start();
    settings.add("CHEFSACHE_OIDC_ISSUER_URI", () -> PROVIDER.issuerUrl(ISSUER).toString());
    settings.add("CHEFSACHE_OIDC_CLIENT_ID", () -> CLIENT);
    settings.add("CHEFSACHE_OIDC_CLIENT_SECRET", () -> "test-only-secret");
    settings.add("CHEFSACHE_OIDC_SCOPES", () -> "openid,profile,email");
    settings.add("CHEFSACHE_OIDC_USER_ID_CLAIM", () -> "preferred_username");
    settings.add("CHEFSACHE_OIDC_GROUPS_CLAIM", () -> "groups");
    settings.add("CHEFSACHE_OIDC_AUDIENCE", () -> "api://chefsache");
    settings.add("CHEFSACHE_GROUPS_CREW", () -> "SocialMedia-Team,Agentur-Nacht");
    settings.add("CHEFSACHE_GROUPS_MANAGEMENT", () -> "Geschaeftsleitung");
    settings.add("CHEFSACHE_GROUPS_AUDITORS", () -> "Interne-Revision");
    settings.add("CHEFSACHE_ADMIN_USER", () -> "admin");
    settings.add("CHEFSACHE_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    settings.add("CHEFSACHE_INTAKE_WEBHOOK_SECRETS", () -> ReplayCommand.DEMO_SECRET);
  }

  @Test
  @Order(1)
  void aCrewMemberSignsInToTasklistThroughTheProviderAndWorksTheCrewsTaskUnderTheirOwnId() throws Exception {
    Task task = awaitTask(send(MentionJson.mention(MentionJson.uniqueThread("oidc-crew"))
        .with("text", "Habt ihr samstags offen?")), "Task_RespondToMention");

    try (var mia = new Chromium(port)) {
      mia.open("/camunda/app/tasklist/default/");
      signInAtTheProvider(mia, "mia.berger", "Mia", "Berger", "SocialMedia-Team");
      awaitWebapp(mia, () -> mia.await(filter("Social-Media-Crew")));
      mia.click(filter("Social-Media-Crew"));
      mia.click(By.cssSelector("li.task a[href='#/?task=" + task.getId() + "']"));
      mia.screenshot("oidc-1-crew-task");
      mia.claim();
      assertThat(mia.driver().findElement(By.cssSelector("[cam-widget-header]")).getText()).contains("Mia Berger");
    }

    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
        .isEqualTo("mia.berger");
    assertThat(engine.getHistoryService().createUserOperationLogQuery().taskId(task.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_CLAIM).singleResult().getUserId())
        .as("the audit trail names who claimed").isEqualTo("mia.berger");
    User mia = engine.getIdentityService().createUserQuery().userId("mia.berger").singleResult();
    assertThat(mia.getFirstName() + " " + mia.getLastName() + " " + mia.getEmail())
        .isEqualTo("Mia Berger mia.berger@firma.example");
    assertThat(engine.getIdentityService().createGroupQuery().groupMember("mia.berger").count())
        .as("memberships stay with the provider").isZero();
  }

  @Test
  @Order(2)
  void anAuditorIsRefusedByTasklistAndAdmittedToTheAuditPages() {
    try (var ines = new Chromium(port)) {
      ines.open("/audit/login");
      signInAtTheProvider(ines, "ines.roth", "Ines", "Roth", "Interne-Revision");
      ines.await(By.id("incidents"));
      ines.screenshot("oidc-2-auditor-audit-pages");

      ines.open("/camunda/app/tasklist/default/");
      ines.awaitText(By.tagName("h1"), "No access");
      assertThat(ines.driver().findElements(By.cssSelector("button.claim"))).isEmpty();
      ines.screenshot("oidc-2-auditor-refused-by-tasklist");
    }
  }

  @Test
  @Order(3)
  void loggingOutOfTasklistEndsTheSessionHereAndAtTheProvider() {
    try (var jonas = new Chromium(port)) {
      jonas.open("/camunda/app/tasklist/default/");
      signInAtTheProvider(jonas, "jonas.krueger", "Jonas", "Krüger", "Agentur-Nacht");
      awaitWebapp(jonas, () -> jonas.await(filter("Social-Media-Crew")));
      pathsAskedOfTheProvider();

      jonas.click(By.cssSelector("li.account > a"));
      jonas.click(By.cssSelector("li.logout a"));
      jonas.await(By.name("claims"));
      assertThat(jonas.driver().getCurrentUrl()).as("the provider's sign-in again")
          .startsWith(PROVIDER.issuerUrl(ISSUER).toString());
      assertThat(pathsAskedOfTheProvider()).as("RP-initiated logout at the provider")
          .anyMatch(path -> path.startsWith("/" + ISSUER + "/endsession"));
      jonas.open("/camunda/app/tasklist/default/");
      jonas.await(By.name("claims"));
      assertThat(jonas.driver().getCurrentUrl()).as("Chefsache's session has ended")
          .startsWith(PROVIDER.issuerUrl(ISSUER).toString());

      signInAtTheProvider(jonas, "jonas.krueger", "Jonas", "Krüger", "Agentur-Nacht");
      await().atMost(PATIENCE).until(() -> jonas.driver().getCurrentUrl()
          .startsWith("http://localhost:" + port + "/camunda/app/tasklist/"));
      jonas.open("/logout");
      jonas.await(By.name("claims"));
      assertThat(pathsAskedOfTheProvider()).as("/logout: RP-initiated logout at the provider")
          .anyMatch(path -> path.startsWith("/" + ISSUER + "/endsession"));
    }
  }

  @Test
  @Order(4)
  void restTakesTheProvidersBearerTokensAndFourEyesCompareTheProvidersUserIds() throws Exception {
    JsonNode complaint = send(MentionJson.mention(MentionJson.uniqueThread("oidc-four-eyes")).negative()
        .with("author", Map.of("handle", "@velo_journal", "followers", 80_000))
        .with("topics", List.of("customer-service")).with("text", "Gabel gebrochen, Support lacht mich aus."));
    Task proposal = awaitTask(complaint, "Task_ProposeReply");
    String kim = token("kim.weber", "api://chefsache", "SocialMedia-Team", "Geschaeftsleitung");
    String sabine = token("sabine.wolf", "api://chefsache", "Geschaeftsleitung");

    assertThat(rest("GET", "/engine-rest/task", null, null).statusCode()).isEqualTo(401);
    assertThat(rest("GET", "/engine-rest/task", token("kim.weber", "api://other", "SocialMedia-Team"), null)
        .statusCode()).as("a token for another audience").isEqualTo(401);
    assertThat(rest("GET", "/api/incidents/" + complaint.get("incidentKey").asText(), null, null).statusCode())
        .isEqualTo(401);
    assertThat(rest("GET", "/engine-rest/task?taskId=" + proposal.getId(), kim, null).body())
        .as("a crew member sees the crew's task").contains(proposal.getId());
    assertThat(rest("GET", "/engine-rest/task?taskId=" + proposal.getId(), token("ines.roth", "api://chefsache"), null)
        .body()).as("someone in none of Chefsache's groups sees nothing").isEqualTo("[]");
    assertThat(rest("GET", "/engine-rest/authorization/count", token("eve", "api://chefsache", "camunda-admin"),
        null).body()).as("a company group merely named like Chefsache's admins grants nothing").contains("\"count\":0");
    String idToken = PROVIDER.issueToken(ISSUER, "integration", new DefaultOAuth2TokenCallback(ISSUER, "kim.weber", "JWT",
        List.of("api://chefsache"), Map.of("preferred_username", "kim.weber", "nonce", "n-0S6_WzA2Mj",
        "groups", List.of("SocialMedia-Team")), 600)).serialize();
    assertThat(rest("GET", "/engine-rest/task/count", idToken, null).statusCode())
        .as("an ID token (it travels in the logout address) opens no REST").isEqualTo(401);
    assertThat(rest("GET", "/engine-rest/task/count", token("ADMIN", "api://chefsache", "SocialMedia-Team"), null)
        .statusCode()).as("the local admin signs in only at the break-glass login").isEqualTo(401);

    assertThat(rest("POST", "/engine-rest/task/" + proposal.getId() + "/submit-form", kim,
        form("proposedReply", "Das tut uns leid. Wir tauschen die Gabel.")).statusCode()).isEqualTo(204);
    Task decision = awaitTask(complaint, "Task_DecideOnReply");
    String approve = form("managementDecision", "approve", "decisionReason", "Fakten geprüft");
    HttpResponse<String> byTheProposer = rest("POST", "/engine-rest/task/" + decision.getId() + "/complete", kim, approve);
    assertThat(byTheProposer.statusCode()).isEqualTo(400);
    assertThat(byTheProposer.body()).contains("Vier-Augen-Prinzip").contains("kim.weber");
    assertThat(rest("POST", "/engine-rest/task/" + decision.getId() + "/complete", sabine, approve).statusCode())
        .isEqualTo(204);

    assertThat(engine.getHistoryService().createUserOperationLogQuery().taskId(decision.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list())
        .extracting(UserOperationLogEntry::getUserId).containsOnly("sabine.wolf");
  }

  @Test
  @Order(5)
  void theLocalAdminSignsInThroughTheBreakGlassLoginAndAuditorsSeeIt() {
    Instant before = Instant.now();
    try (var intruder = new Chromium(port)) {
      breakGlassLogin(intruder, "mia.berger", "irgendwas");
      intruder.await(By.cssSelector("p.error"));
    }
    try (var admin = new Chromium(port)) {
      breakGlassLogin(admin, "admin", ADMIN_PASSWORD);
      admin.open("/camunda/app/admin/default/#/users");
      awaitWebapp(admin, () -> admin.awaitText(By.tagName("body"), "mia.berger"));
      admin.screenshot("oidc-5-break-glass-admin");
    }
    assertThat(breakGlass.between(before, Instant.now())).extracting(BreakGlassRecord.SignIn::userId)
        .containsExactly("admin");

    try (var ines = new Chromium(port)) {
      ines.open("/audit");
      signInAtTheProvider(ines, "ines.roth", "Ines", "Roth", "Interne-Revision");
      ines.awaitText(By.id("break-glass"), "admin");
      ines.screenshot("oidc-5-auditor-sees-break-glass");
    }
  }

  /** The last test: it stops the provider. */
  @Test
  @Order(6)
  void whileTheProviderIsDownTheLocalAdminStillSignsIn() {
    PROVIDER.shutdown();
    try (var admin = new Chromium(port)) {
      breakGlassLogin(admin, "admin", ADMIN_PASSWORD);
      admin.open("/camunda/app/admin/default/#/users");
      admin.awaitText(By.tagName("body"), "mia.berger");
    }
  }

  private void breakGlassLogin(Chromium browser, String user, String password) {
    browser.open("/login/local");
    browser.awaitText(By.tagName("h1"), "Emergency login");
    browser.driver().findElement(By.name("username")).sendKeys(user);
    browser.driver().findElement(By.name("password")).sendKeys(password);
    browser.driver().findElement(By.cssSelector("button[type='submit']")).click();
  }

  private String token(String user, String audience, String... groups) {
    return PROVIDER.issueToken(ISSUER, "integration", new DefaultOAuth2TokenCallback(ISSUER, user, "JWT",
        List.of(audience), Map.of("preferred_username", user, "groups", List.of(groups)), 600)).serialize();
  }

  private HttpResponse<String> rest(String method, String path, String token, String body) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String form(String... namesAndValues) throws Exception {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      variables.put(namesAndValues[i], Map.of("value", namesAndValues[i + 1], "type", "String"));
    }
    return json.writeValueAsString(Map.of("variables", variables));
  }

  private void signInAtTheProvider(Chromium browser, String user, String first, String last, String... groups) {
    browser.await(By.name("username"));
    assertThat(browser.driver().getCurrentUrl()).startsWith(PROVIDER.issuerUrl(ISSUER).toString());
    browser.driver().findElement(By.name("username")).sendKeys(user);
    String claims;
    try {
      claims = json.writeValueAsString(Map.of("preferred_username", user, "given_name", first, "family_name", last,
          "email", user + "@firma.example", "groups", List.of(groups)));
    } catch (Exception failed) {
      throw new IllegalStateException(failed);
    }
    browser.driver().findElement(By.name("claims")).sendKeys(claims);
    browser.driver().findElement(By.cssSelector("input[type='submit']")).click();
  }

  /**
   * Waits for a webapp page; loads it once more if Chromium blocked its scripts for a Content-Security-
   * Policy nonce that is not the page's own. Camunda 7.24 keeps the nonce of each answer in one
   * attribute of the whole servlet context (org.camunda.bpm.csp.nonce), so a page answered while
   * another request passed the same filter can carry the other's nonce: a blank page until reloaded, in
   * every profile. Any other failure fails the test.
   */
  private static void awaitWebapp(Chromium browser, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException failed) {
      if (browser.consoleErrors().stream().noneMatch(error -> error.contains("Content Security Policy"))) {
        throw failed;
      }
      browser.driver().navigate().refresh();
      step.run();
    }
  }

  /** The paths of the requests the provider got since the last call. */
  private static List<String> pathsAskedOfTheProvider() {
    List<String> paths = new ArrayList<>();
    try {
      while (true) {
        paths.add(PROVIDER.takeRequest(100, TimeUnit.MILLISECONDS).getPath());
      }
    } catch (RuntimeException noMoreRequests) {
      return paths;
    }
  }

  private JsonNode send(MentionJson mention) throws Exception {
    var answer = MentionJson.demoSender(port).send(mention.json());
    assertThat(answer.status()).as("the intake keeps its signatures under oidc").isEqualTo(202);
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
}
