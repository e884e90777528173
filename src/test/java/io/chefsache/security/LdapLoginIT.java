package io.chefsache.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.support.BrowserSession;
import io.chefsache.support.IncidentDriver;
import io.chefsache.support.MentionJson;
import io.chefsache.support.OutboundStub;
import io.chefsache.support.TestDirectory;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The ldap profile as staff meet it: people and nested groups in a directory shaped like Active
 * Directory ({@link TestDirectory}, test-directory.ldif), mapped onto Chefsache's groups by
 * {@code CHEFSACHE_GROUPS_*}, without the demo profile. An IT: its application context is its own
 * (Camunda's webapps keep their engine JVM-wide).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"ldap", "test"})
@ContextConfiguration(initializers = {OutboundStub.class, TestDirectory.class})
@Import(IncidentDriver.class)
@ExtendWith(OutputCaptureExtension.class)
class LdapLoginIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TASKLIST = "/camunda/app/tasklist/default/";
  private static final String ENGINE = "/camunda/api/engine/engine/default";

  @LocalServerPort
  int port;
  @Autowired
  IncidentDriver driver;
  @Autowired
  HistoryService history;
  @Autowired
  RuntimeService runtime;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void eachPersonSeesTheTasklistFiltersOfTheGroupsTheDirectoryGivesThemNestedOnesIncluded() throws Exception {
    Map<String, List<String>> expected = Map.of(
        "mia", List.of("Social-Media-Crew", "Überfällig", "Meine Aufgaben"),
        "sabine", List.of("Entscheidungen der Geschäftsleitung", "Lagen", "Überfällig", "Meine Aufgaben"),
        "tarek", List.of("Entscheidungen der Geschäftsleitung", "Lagen", "Krisenstab", "Freigaben (CEO und Vertretung)",
            "Überfällig", "Meine Aufgaben"),
        "eva", List.of("Krisenstab", "Freigaben (CEO und Vertretung)", "Überfällig", "Meine Aufgaben"));

    for (var person : expected.entrySet()) {
      Webapp tasklist = Webapp.logIn(port, "tasklist", person.getKey(), TestDirectory.PASSWORD);
      assertThat(tasklist.loginStatus).as(person.getKey()).isEqualTo(200);
      List<String> filters = new ArrayList<>();
      tasklist.getJson(ENGINE + "/filter?resourceType=Task").forEach(filter -> filters.add(filter.get("name").asText()));
      assertThat(filters).as(person.getKey()).containsExactlyInAnyOrderElementsOf(person.getValue());
    }
  }

  @Test
  void theCrewFindsItsTaskInTasklistAndTheAuditTrailNamesWhoAnsweredByTheirDirectoryId() throws Exception {
    var incident = driver.open(IncidentDriver.question());
    String task = driver.task(incident, "Task_RespondToMention").getId();
    Webapp mia = Webapp.logIn(port, "tasklist", "mia", TestDirectory.PASSWORD);

    assertThat(mia.tasksOf("Social-Media-Crew")).contains(task);
    HttpResponse<String> answered = mia.post(ENGINE + "/task/" + task + "/submit-form",
        "{\"variables\":{\"crewDecision\":{\"value\":\"reply\"},\"replyText\":{\"value\":\"Danke, wir melden uns.\"}}}");
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);

    assertThat(history.createUserOperationLogQuery().taskId(task)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list())
        .extracting(UserOperationLogEntry::getUserId).containsExactly("mia");
    var ines = new BrowserSession(port);
    ines.logIn("ines", TestDirectory.PASSWORD);
    assertThat(ines.get("/audit/incident?key=" + incident.getBusinessKey()).body()).contains("mia");
  }

  @Test
  void fourEyesCompareTheDirectoryUsersWhoDraftedAndWhoApprove() throws Exception {
    var incident = driver.open(IncidentDriver.shitstorm());
    String draft = driver.task(incident, "Task_DraftHoldingStatement").getId();
    Webapp eva = Webapp.logIn(port, "tasklist", "eva", TestDirectory.PASSWORD);
    assertThat(eva.post(ENGINE + "/task/" + draft + "/submit-form",
        "{\"variables\":{\"holdingStatement\":{\"value\":\"Wir prüfen das.\"}}}").statusCode()).isEqualTo(204);
    String approval = driver.task(incident, "Task_ApproveHoldingStatement").getId();
    String approve = "{\"variables\":{\"holdingStatementDecision\":{\"value\":\"approve\"}}}";

    HttpResponse<String> byTheDrafter = eva.post(ENGINE + "/task/" + approval + "/submit-form", approve);
    HttpResponse<String> byTarek = Webapp.logIn(port, "tasklist", "tarek", TestDirectory.PASSWORD)
        .post(ENGINE + "/task/" + approval + "/submit-form", approve);

    assertThat(byTheDrafter.statusCode()).isEqualTo(400);
    assertThat(byTheDrafter.body()).contains("Vier-Augen-Prinzip").contains("eva");
    assertThat(byTarek.statusCode()).as(byTarek.body()).isEqualTo(204);
  }

  @Test
  void anAuditorIsRefusedInTasklistAndAdmittedToTheAuditPagesAndCockpit() throws Exception {
    assertThat(Webapp.logIn(port, "tasklist", "ines", TestDirectory.PASSWORD).loginStatus).isEqualTo(403);
    assertThat(Webapp.logIn(port, "cockpit", "ines", TestDirectory.PASSWORD).loginStatus).isEqualTo(200);

    var browser = new BrowserSession(port);
    assertThat(browser.logIn("ines", TestDirectory.PASSWORD)).endsWith("/audit");
    assertThat(browser.get("/audit").statusCode()).isEqualTo(200);
  }

  @Test
  void someoneInNoMappedGroupGetsNoAppAndNoAuditPage() throws Exception {
    assertThat(Webapp.logIn(port, "tasklist", "otto", TestDirectory.PASSWORD).loginStatus).isEqualTo(403);
    var browser = new BrowserSession(port);
    browser.logIn("otto", TestDirectory.PASSWORD);
    assertThat(browser.get("/audit").statusCode()).isEqualTo(403);
  }

  @Test
  void aWrongPasswordOrAnIdSpelledOtherwiseThanInTheDirectoryIsRefused() throws Exception {
    assertThat(Webapp.logIn(port, "tasklist", "mia", "falsch").loginStatus).isEqualTo(401);
    assertThat(Webapp.logIn(port, "tasklist", "MIA", TestDirectory.PASSWORD).loginStatus).isEqualTo(401);
    assertThat(Webapp.logIn(port, "tasklist", "niemand", TestDirectory.PASSWORD).loginStatus).isEqualTo(401);
    assertThat(basic("/engine-rest/task", "sabine", "falsch").statusCode()).isEqualTo(401);
  }

  @Test
  void theEngineRestApiLogsInAgainstTheDirectoryAndShowsChefsachesGroups() throws Exception {
    assertThat(basic("/engine-rest/task", "sabine", TestDirectory.PASSWORD).statusCode()).isEqualTo(200);

    HttpResponse<String> tareksGroups = basic("/engine-rest/group?member=tarek",
        TestDirectory.BREAK_GLASS_ADMIN, TestDirectory.BREAK_GLASS_PASSWORD);
    HttpResponse<String> crew = basic("/engine-rest/user?memberOfGroup=" + Roles.CREW,
        TestDirectory.BREAK_GLASS_ADMIN, TestDirectory.BREAK_GLASS_PASSWORD);
    HttpResponse<String> auditors = basic("/engine-rest/user?memberOfGroup=" + Roles.AUDITORS,
        TestDirectory.BREAK_GLASS_ADMIN, TestDirectory.BREAK_GLASS_PASSWORD);

    assertThat(ids(tareksGroups)).containsExactly(Roles.MANAGEMENT, Roles.CRISIS_TEAM, Roles.CRISIS_APPROVERS);
    assertThat(JSON.readTree(tareksGroups.body()).get(0).get("name").asText()).isEqualTo("Geschäftsleitung (direkter Draht)");
    assertThat(ids(crew)).containsExactly("mia");
    assertThat(JSON.readTree(crew.body()).get(0).get("lastName").asText()).isEqualTo("Berger");
    assertThat(JSON.readTree(crew.body()).get(0).get("email").asText()).isEqualTo("mia.berger@chefsache.example");
    assertThat(ids(auditors)).containsExactly("ines");
    assertThat(ids(basic("/engine-rest/group?sortBy=id&sortOrder=asc", TestDirectory.BREAK_GLASS_ADMIN,
        TestDirectory.BREAK_GLASS_PASSWORD))).as("what Camunda Admin lists").containsExactlyInAnyOrder(Roles.CREW,
        Roles.MANAGEMENT, Roles.CRISIS_TEAM, Roles.CRISIS_APPROVERS, Roles.AUDITORS, Roles.PROCESS_OWNERS, Roles.ADMIN);
    assertThat(ids(basic("/engine-rest/group?nameLike=Krisen%25", TestDirectory.BREAK_GLASS_ADMIN,
        TestDirectory.BREAK_GLASS_PASSWORD))).containsExactly(Roles.CRISIS_TEAM, Roles.CRISIS_APPROVERS);
  }

  @Test
  void theIntakeTakesSignedMentionsAsWithoutTheDirectory() throws Exception {
    String thread = MentionJson.uniqueThread("ldap");
    var answer = MentionJson.demoSender(port).send(MentionJson.mention(thread).json());

    assertThat(answer.status()).isEqualTo(202);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("facebook:" + thread).count()).isEqualTo(1);
  }

  @Test
  void whileTheDirectoryIsDownTheBreakGlassAdminLogsInIsLoggedAndAuditorsSeeTheLogin(CapturedOutput output) throws Exception {
    Integer before = jdbc.queryForObject("select count(*) from break_glass_login", Integer.class);
    TestDirectory.stop();
    try {
      assertThat(Webapp.logIn(port, "tasklist", "sabine", TestDirectory.PASSWORD).loginStatus).isEqualTo(500);
      Webapp admin = Webapp.logIn(port, "cockpit", TestDirectory.BREAK_GLASS_ADMIN, TestDirectory.BREAK_GLASS_PASSWORD);
      assertThat(admin.loginStatus).isEqualTo(200);
      assertThat(admin.getJson(ENGINE + "/process-definition?key=IncidentEscalationProcess&latestVersion=true")).hasSize(1);
    } finally {
      TestDirectory.start();
    }

    assertThat(output.getAll()).contains("WARN").contains("Break-glass login of " + TestDirectory.BREAK_GLASS_ADMIN);
    assertThat(jdbc.queryForObject("select count(*) from break_glass_login", Integer.class)).isEqualTo(before + 1);
    assertThat(Webapp.logIn(port, "tasklist", "sabine", TestDirectory.PASSWORD).loginStatus)
        .as("back once the directory is").isEqualTo(200);
    var auditor = new BrowserSession(port);
    auditor.logIn("ines", TestDirectory.PASSWORD);
    assertThat(auditor.get("/audit").body()).contains("Notfall-Anmeldungen").contains(TestDirectory.BREAK_GLASS_ADMIN);
  }

  @Test
  void aWrongBreakGlassPasswordDelaysTheAdminsNextLoginAsTheEngineDoesForItsOwnUsers(CapturedOutput output)
      throws Exception {
    String path = "/engine-rest/process-definition/count";
    assertThat(basic(path, TestDirectory.BREAK_GLASS_ADMIN, "Falsch-geraten-1!").statusCode()).isEqualTo(401);

    assertThat(basic(path, TestDirectory.BREAK_GLASS_ADMIN, TestDirectory.BREAK_GLASS_PASSWORD).statusCode())
        .as("the right password during the delay").isEqualTo(401);
    assertThat(output.getAll()).contains("Break-glass admin " + TestDirectory.BREAK_GLASS_ADMIN
        + ": wrong password; the next login is possible at");
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() ->
        basic(path, TestDirectory.BREAK_GLASS_ADMIN, TestDirectory.BREAK_GLASS_PASSWORD).statusCode() == 200);
  }

  private HttpResponse<String> basic(String path, String user, String password) throws IOException, InterruptedException {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + credentials).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> ids(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JSON.readTree(response.body()).forEach(entry -> ids.add(entry.get("id").asText()));
    return ids;
  }

  /** A browser session of Camunda's webapps: their login, session cookie and CSRF token. */
  private static final class Webapp {
    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private int loginStatus;

    private Webapp(int port) {
      base = URI.create("http://localhost:" + port);
      http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    static Webapp logIn(int port, String app, String user, String password) throws IOException, InterruptedException {
      Webapp webapp = new Webapp(port);
      webapp.send(HttpRequest.newBuilder(webapp.base.resolve(TASKLIST)).GET());
      HttpResponse<String> login = webapp.send(HttpRequest.newBuilder(
              webapp.base.resolve("/camunda/api/admin/auth/user/default/login/" + app))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("username=" + BrowserSession.encode(user)
              + "&password=" + BrowserSession.encode(password))));
      webapp.loginStatus = login.statusCode();
      webapp.send(HttpRequest.newBuilder(webapp.base.resolve(TASKLIST)).GET());
      return webapp;
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
      HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json").GET());
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The ids of the tasks a filter of this person's Tasklist shows. */
    List<String> tasksOf(String filterName) throws IOException, InterruptedException {
      for (JsonNode filter : getJson(ENGINE + "/filter?resourceType=Task")) {
        if (filter.get("name").asText().equals(filterName)) {
          List<String> tasks = new ArrayList<>();
          getJson(ENGINE + "/filter/" + filter.get("id").asText() + "/list").forEach(task -> tasks.add(task.get("id").asText()));
          return tasks;
        }
      }
      throw new AssertionError("no filter " + filterName);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
      cookies.getCookieStore().get(base).stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).findFirst().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
