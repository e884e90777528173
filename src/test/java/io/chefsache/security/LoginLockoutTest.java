package io.chefsache.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.BrowserSession;
import io.chefsache.support.ChefsacheTest;
import java.util.Date;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Wrong passwords delay a user's next login, for a bounded time, and never lock them out for good:
 * otherwise anyone who knows a user id could lock that person out of the crisis plan. The engine's
 * clock is moved instead of waiting: the lock-out's end is computed from it. A user of its own, so
 * that no other test meets a delayed login.
 */
@ChefsacheTest
@ExtendWith(OutputCaptureExtension.class)
class LoginLockoutTest {

  private static final String USER = "lockout-probe";
  private static final String PASSWORD = "probe-password";
  /** Far more than the engine's former permanent lock-out after 10. */
  private static final int WRONG_PASSWORDS = 25;

  @Autowired
  IdentityService identity;
  @Autowired
  ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired
  TestRestTemplate rest;
  @LocalServerPort
  int port;

  private long now;

  @BeforeEach
  void user() {
    if (identity.createUserQuery().userId(USER).count() == 0) {
      var user = identity.newUser(USER);
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      identity.createMembership(USER, Roles.AUDITORS);
    }
    identity.unlockUser(USER);
    now = System.currentTimeMillis();
    ClockUtil.setCurrentTime(new Date(now));
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void theLongestLockOutIsBoundedByConfiguration() {
    assertThat(engineConfiguration.getLoginDelayMaxTime()).isBetween(1, 300);
  }

  @Test
  void afterManyWrongPasswordsTheRightOneWorksAgainOnTheRestApiOnceTheDelayHasPassed() {
    assertLockedOutThenBack(this::engineRest);
  }

  @Test
  void afterManyWrongPasswordsTheRightOneWorksAgainInTheWebappsOnceTheDelayHasPassed() {
    assertLockedOutThenBack(this::webapp);
  }

  @Test
  void afterManyWrongPasswordsTheRightOneWorksAgainOnTheAuditPagesOnceTheDelayHasPassed() {
    assertLockedOutThenBack(this::auditPages);
  }

  @Test
  void aLockOutIsLoggedAndAnAdminCanEndIt(CapturedOutput output) {
    guessWrong();

    ResponseEntity<String> unlock = rest.withBasicAuth("admin", "demo")
        .postForEntity("/engine-rest/user/" + USER + "/unlock", null, String.class);

    assertThat(output.getAll()).contains("The user with id '" + USER + "' is locked. The lock will expire at")
        .doesNotContain("The user with id '" + USER + "' is permanently locked");
    assertThat(unlock.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(engineRest()).as("logged in right after the admin's unlock").isTrue();
  }

  private void assertLockedOutThenBack(BooleanSupplier logInWithTheRightPassword) {
    guessWrong();

    boolean whileDelayed = logInWithTheRightPassword.getAsBoolean();
    moveClock(engineConfiguration.getLoginDelayMaxTime());
    boolean afterTheLongestDelay = logInWithTheRightPassword.getAsBoolean();

    assertThat(whileDelayed).as("right password during the delay").isFalse();
    assertThat(afterTheLongestDelay).as("right password once the longest delay has passed").isTrue();
  }

  /** Wrong passwords, each after the delay of the one before, so that every one counts. */
  private void guessWrong() {
    for (int i = 0; i < WRONG_PASSWORDS; i++) {
      moveClock(engineConfiguration.getLoginDelayMaxTime());
      assertThat(rest.withBasicAuth(USER, "wrong-" + i).getForEntity("/engine-rest/user", String.class)
          .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
  }

  private void moveClock(int seconds) {
    now += seconds * 1000L + 1000;
    ClockUtil.setCurrentTime(new Date(now));
  }

  private boolean engineRest() {
    return rest.withBasicAuth(USER, PASSWORD).getForEntity("/engine-rest/user/" + USER + "/profile", String.class)
        .getStatusCode() == HttpStatus.OK;
  }

  private boolean webapp() {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/cockpit/default/", String.class);
    List<String> cookies = page.getHeaders().get(HttpHeaders.SET_COOKIE);
    String session = cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    String csrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
    String token = csrf.substring("XSRF-TOKEN=".length(), csrf.indexOf(';'));
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add(HttpHeaders.COOKIE, session.substring(0, session.indexOf(';')));
    headers.add(HttpHeaders.COOKIE, "XSRF-TOKEN=" + token);
    headers.add("X-XSRF-TOKEN", token);
    return rest.exchange("/camunda/api/admin/auth/user/default/login/cockpit", HttpMethod.POST,
        new HttpEntity<>("username=" + USER + "&password=" + PASSWORD, headers), String.class)
        .getStatusCode() == HttpStatus.OK;
  }

  private boolean auditPages() {
    return new BrowserSession(port).logIn(USER, PASSWORD).endsWith("/audit");
  }
}
