package io.chefsache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chefsache.replay.ReplayCommand;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

@ExtendWith(OutputCaptureExtension.class)
class StartupConfigurationTest {

  /**
   * A refused start tidies up after itself, and Camunda's static registry of engines forgets the
   * engine of that name: in this JVM also the engine of the application that the other tests share,
   * which then answers REST with "Process engine default not available". The registry is put back as
   * it was (one application per JVM, as in production, never meets this).
   */
  private Map<String, ProcessEngine> engines;

  @BeforeEach
  void rememberTheRunningEngines() {
    engines = Map.copyOf(ProcessEngines.getProcessEngines());
  }

  @AfterEach
  void restoreTheRunningEngines() {
    engines.values().stream().filter(engine -> !ProcessEngines.getProcessEngines().containsKey(engine.getName()))
        .forEach(ProcessEngines::registerProcessEngine);
  }


  @Test
  void refusesToStartWithoutAnAdminPassword() {
    var app = new SpringApplicationBuilder(ChefsacheApplication.class);

    // without a web server: Camunda's webapps keep their engine in a static field, and a second application
    // with webapps, stopping, would take it from the test context that other test classes share
    assertThatThrownBy(() -> app.run("--CHEFSACHE_DB_URL=jdbc:h2:mem:no-admin-password",
        "--spring.main.web-application-type=none", "--camunda.bpm.job-execution.enabled=false"))
        .satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage()
            + failure.getMessage()).contains("CHEFSACHE_ADMIN_PASSWORD"));
  }

  @Test
  void anAdminPasswordThatMissesThePasswordPolicyStopsTheStartWithOneLineNamingThePolicy(CapturedOutput output) {
    var app = new SpringApplicationBuilder(ChefsacheApplication.class);

    assertThatThrownBy(() -> app.run("--CHEFSACHE_DB_URL=jdbc:h2:mem:weak-admin-password",
        "--CHEFSACHE_ADMIN_PASSWORD=chefsache", "--CHEFSACHE_INTAKE_WEBHOOK_SECRETS=" + ReplayCommand.DEMO_SECRET,
        "--spring.main.web-application-type=none", "--camunda.bpm.job-execution.enabled=false"));

    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("The admin password (CHEFSACHE_ADMIN_PASSWORD) does not match Camunda's password policy (none of "
            + "the user's id, first or last name in it, at least 10 characters, at least 1 lower-case letter(s), at least "
            + "1 upper-case letter(s), at least 1 digit(s), at least 1 special character(s)); it misses: none of the "
            + "user's id, first or last name in it, at least 10 characters, at least 1 upper-case letter(s), at least "
            + "1 digit(s), at least 1 special character(s).")
        .contains("Set CHEFSACHE_ADMIN_PASSWORD to a password that matches the policy")
        .doesNotContain("ENGINE-16004")
        .doesNotContain("Password does not match policy");
  }

  @Test
  void theLdapProfileWithoutItsDirectoryStopsTheStartNamingTheMissingVariables(CapturedOutput output) {
    var app = new SpringApplicationBuilder(ChefsacheApplication.class).profiles("ldap");

    assertThatThrownBy(() -> app.run("--CHEFSACHE_DB_URL=jdbc:h2:mem:ldap-without-directory",
        "--CHEFSACHE_ADMIN_PASSWORD=Notfall-Zugang-2026!", "--CHEFSACHE_INTAKE_WEBHOOK_SECRETS=" + ReplayCommand.DEMO_SECRET,
        "--CHEFSACHE_LDAP_BASE_DN=DC=example,DC=com",
        "--spring.main.web-application-type=none", "--camunda.bpm.job-execution.enabled=false"));

    assertThat(output.getAll())
        .contains("The ldap profile needs its directory's settings; missing: CHEFSACHE_LDAP_URL (e.g. "
            + "ldaps://ad.example.com:636), CHEFSACHE_LDAP_BIND_DN (the account Chefsache searches the directory with), "
            + "CHEFSACHE_LDAP_BIND_PASSWORD.")
        .contains("Set these environment variables");
  }

  @Test
  void refusesToStartTheCompanyLoginWithoutTheProvidersIssuer() {
    var app = new SpringApplicationBuilder(ChefsacheApplication.class);

    assertThatThrownBy(() -> app.run("--CHEFSACHE_DB_URL=jdbc:h2:mem:no-issuer", "--CHEFSACHE_ADMIN_PASSWORD=Lokal-2026-Notfall!",
        "--CHEFSACHE_INTAKE_WEBHOOK_SECRETS=whsec_Y2hlZnNhY2hlLWRlbW8tc2VjcmV0LTAxMjM0NTY3ODk=",
        "--CHEFSACHE_OIDC_CLIENT_ID=chefsache", "--CHEFSACHE_OIDC_CLIENT_SECRET=secret",
        "--spring.profiles.active=oidc", "--spring.main.web-application-type=none",
        "--camunda.bpm.job-execution.enabled=false"))
        .satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage())
            .startsWith("CHEFSACHE_OIDC_ISSUER_URI is not set: profile oidc needs the provider's issuer"));
  }
}
