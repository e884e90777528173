package io.chefsache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

class StartupConfigurationTest {

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
