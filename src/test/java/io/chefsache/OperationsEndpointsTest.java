package io.chefsache;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.ChefsacheTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.web.client.RestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@ChefsacheTest
class OperationsEndpointsTest {

  @LocalManagementPort
  int managementPort;
  @Autowired
  RestTemplateBuilder restTemplateBuilder;

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

  /** Health and metrics are served on their own port, not the application's. */
  private RestTemplate management() {
    return restTemplateBuilder.rootUri("http://127.0.0.1:" + managementPort).build();
  }
}
