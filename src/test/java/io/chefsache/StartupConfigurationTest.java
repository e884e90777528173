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
}
