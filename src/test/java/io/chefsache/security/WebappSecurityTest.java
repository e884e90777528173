package io.chefsache.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.IncidentDriver;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

@ChefsacheTest
class WebappSecurityTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  IncidentDriver driver;

  @Test
  void webappPagesCarryTheSecurityHeaders() {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("script-src");
    assertThat(page.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.getHeaders().getFirst("X-XSS-Protection")).isNotBlank();
  }

  @Test
  void loginSetsAnHttpOnlySameSiteSessionCookieAndModifyingRequestsNeedTheCsrfToken() {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    String csrfCookie = cookie(page, "XSRF-TOKEN");
    String csrfToken = csrfCookie.substring("XSRF-TOKEN=".length(), csrfCookie.indexOf(';'));
    String session = cookie(page, "JSESSIONID");

    ResponseEntity<String> login = post("/camunda/api/admin/auth/user/default/login/tasklist",
        "username=mia&password=demo", session, csrfToken);
    String authenticatedSession = cookie(login, "JSESSIONID");
    ResponseEntity<String> withoutToken = post("/camunda/api/engine/engine/default/task/any/claim",
        "{}", authenticatedSession, null);

    assertThat(csrfCookie).contains("SameSite=Strict");
    assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(authenticatedSession).contains("HttpOnly").contains("SameSite=Lax");
    assertThat(withoutToken.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(withoutToken.getHeaders().getFirst("X-XSRF-TOKEN")).isEqualTo("Required");
  }

  @Test
  void aPageTheRoleDoesNotAllowIsAPlainRefusalInTheBrowsersLanguage() {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    String csrfCookie = cookie(page, "XSRF-TOKEN");
    ResponseEntity<String> login = post("/camunda/api/admin/auth/user/default/login/tasklist",
        "username=mia&password=demo", cookie(page, "JSESSIONID"), token(csrfCookie));
    String session = cookie(login, "JSESSIONID");

    for (var language : List.of(List.of("de-DE,de;q=0.9", "Kein Zugriff"), List.of("en-US,en;q=0.9", "No access"))) {
      var headers = new org.springframework.http.HttpHeaders();
      headers.add("Cookie", session.substring(0, session.indexOf(';')));
      headers.add("Accept", "text/html");
      headers.add("Accept-Language", language.get(0));
      ResponseEntity<String> cockpit = rest.exchange("/camunda/app/cockpit/default/", org.springframework.http.HttpMethod.GET,
          new HttpEntity<>(headers), String.class);

      assertThat(cockpit.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(cockpit.getBody()).contains(language.get(1)).doesNotContain("Whitelabel").doesNotContain("Exception");
    }
  }

  @Test
  void theSessionCookieNamesEachAttributeOnce() {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    String csrfCookie = cookie(page, "XSRF-TOKEN");

    ResponseEntity<String> login = post("/camunda/api/admin/auth/user/default/login/tasklist",
        "username=mia&password=demo", cookie(page, "JSESSIONID"),
        csrfCookie.substring("XSRF-TOKEN=".length(), csrfCookie.indexOf(';')));

    assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
    for (String session : List.of(cookie(page, "JSESSIONID"), cookie(login, "JSESSIONID"))) {
      assertThat(session).containsOnlyOnce("SameSite=").containsOnlyOnce("HttpOnly").containsOnlyOnce("Path=");
    }
  }

  @Test
  void loginWithAWrongPasswordFails() {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    String csrfCookie = cookie(page, "XSRF-TOKEN");

    ResponseEntity<String> login = post("/camunda/api/admin/auth/user/default/login/tasklist",
        "username=jonas&password=wrong", cookie(page, "JSESSIONID"),
        csrfCookie.substring("XSRF-TOKEN=".length(), csrfCookie.indexOf(';')));

    assertThat(login.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  /** Tasklist submits forms through the webapps' own engine API: a four-eyes refusal is a 400 with its reason there. */
  @Test
  void tasklistAnswersAFourEyesRefusalWith400AndItsReason() {
    var incident = driver.open(IncidentDriver.shitstorm());
    String draft = driver.task(incident, "Task_DraftHoldingStatement").getId();
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    ResponseEntity<String> login = post("/camunda/api/admin/auth/user/default/login/tasklist",
        "username=eva&password=demo", cookie(page, "JSESSIONID"), token(cookie(page, "XSRF-TOKEN")));
    String session = cookie(login, "JSESSIONID");
    var withSession = new HttpHeaders();
    withSession.add(HttpHeaders.COOKIE, session.substring(0, session.indexOf(';')));
    String csrfToken = token(cookie(rest.exchange("/camunda/app/tasklist/default/", HttpMethod.GET,
        new HttpEntity<>(withSession), String.class), "XSRF-TOKEN"));

    ResponseEntity<String> drafted = post("/camunda/api/engine/engine/default/task/" + draft + "/submit-form",
        "{\"variables\":{\"holdingStatement\":{\"value\":\"Wir prüfen das.\"}}}", session, csrfToken);
    assertThat(drafted.getStatusCode()).as(drafted.toString()).isEqualTo(HttpStatus.NO_CONTENT);
    String approval = driver.task(incident, "Task_ApproveHoldingStatement").getId();
    ResponseEntity<String> approved = post("/camunda/api/engine/engine/default/task/" + approval + "/submit-form",
        "{\"variables\":{\"holdingStatementDecision\":{\"value\":\"approve\"}}}", session, csrfToken);

    assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(approved.getBody()).contains("Vier-Augen-Prinzip").contains("eva");
  }

  @Test
  void thereIsNoH2Console() {
    assertThat(rest.getForEntity("/h2-console", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private ResponseEntity<String> post(String path, String body, String sessionCookie, String csrfToken) {
    return rest.exchange(path, HttpMethod.POST, form(body, sessionCookie, csrfToken), String.class);
  }

  private static HttpEntity<String> form(String body, String sessionCookie, String csrfToken) {
    var headers = new HttpHeaders();
    headers.setContentType(body.startsWith("{") ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_FORM_URLENCODED);
    headers.add(HttpHeaders.COOKIE, sessionCookie.substring(0, sessionCookie.indexOf(';')));
    if (csrfToken != null) {
      headers.add("X-XSRF-TOKEN", csrfToken);
      headers.add(HttpHeaders.COOKIE, "XSRF-TOKEN=" + csrfToken);
    }
    return new HttpEntity<>(body, headers);
  }

  private static String token(String csrfCookie) {
    return csrfCookie.substring("XSRF-TOKEN=".length(), csrfCookie.indexOf(';'));
  }

  private static String cookie(ResponseEntity<?> response, String name) {
    List<String> cookies = response.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of());
    return cookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + cookies));
  }
}
