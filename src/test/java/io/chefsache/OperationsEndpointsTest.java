package io.chefsache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chefsache.support.ChefsacheTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@ChefsacheTest
class OperationsEndpointsTest {

  @LocalManagementPort
  int managementPort;
  @Autowired
  RestTemplateBuilder restTemplateBuilder;
  @Autowired
  ApplicationContext context;

  @Test
  void healthReportsTheDatabaseAndTheProcessEngine() {
    ResponseEntity<String> health = management().getForEntity("/actuator/health", String.class);

    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(health.getBody()).contains("\"status\":\"UP\"").contains("\"db\"").contains("\"processEngine\"");
  }

  @Test
  void prometheusServesJvmAndEngineMetrics() {
    ResponseEntity<String> metrics = management().getForEntity("/actuator/prometheus", String.class);

    assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(metrics.getBody()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
  }

  @Test
  void readinessTellsALoadBalancerWhenMentionsAreRefused() {
    assertThat(management().getForEntity("/actuator/health/readiness", String.class).getBody())
        .contains("\"status\":\"UP\"");
    AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
    try {
      assertThatThrownBy(() -> management().getForEntity("/actuator/health/readiness", String.class))
          .isInstanceOfSatisfying(HttpServerErrorException.class, refused -> {
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(refused.getResponseBodyAsString()).contains("\"status\":\"OUT_OF_SERVICE\"");
          });
    } finally {
      AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }
    assertThat(management().getForEntity("/actuator/health/liveness", String.class).getBody())
        .contains("\"status\":\"UP\"");
  }

  /** Health and metrics are served on their own port, not the application's. */
  private RestTemplate management() {
    return restTemplateBuilder.rootUri("http://127.0.0.1:" + managementPort).build();
  }
}
