package io.chefsache.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.ChefsacheTest;
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

  @Test
  void thereIsNoH2Console() {
    assertThat(rest.getForEntity("/h2-console", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private ResponseEntity<String> post(String path, String body, String sessionCookie, String csrfToken) {
    var headers = new HttpHeaders();
    headers.setContentType(body.startsWith("{") ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_FORM_URLENCODED);
    headers.add(HttpHeaders.COOKIE, sessionCookie.substring(0, sessionCookie.indexOf(';')));
    if (csrfToken != null) {
      headers.add("X-XSRF-TOKEN", csrfToken);
      headers.add(HttpHeaders.COOKIE, "XSRF-TOKEN=" + csrfToken);
    }
    return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  private static String cookie(ResponseEntity<?> response, String name) {
    List<String> cookies = response.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of());
    return cookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + cookies));
  }
}
