package io.chefsache.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.IncidentDriver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * What a process owner sees of the running crisis plan agrees with itself: Cockpit's process list
 * counts the running instances of each definition with the same authorizations that its definition
 * page lists them with (the list said 3, the page showed none).
 */
@ChefsacheTest
class ProcessOwnerViewTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  IncidentDriver driver;

  @Test
  void theProcessOwnersCountsAgreeBetweenTheProcessListAndTheDefinitionPage() {
    driver.open(IncidentDriver.question());
    TestRestTemplate felix = rest.withBasicAuth("felix", "demo");

    JsonNode statistics = felix.getForObject("/engine-rest/process-definition/statistics", JsonNode.class);
    List<String> disagreements = new ArrayList<>();
    long running = 0;
    for (JsonNode definition : statistics) {
      long listed = felix.getForObject("/engine-rest/process-instance/count?processDefinitionId="
          + definition.get("id").asText(), JsonNode.class).get("count").asLong();
      running += listed;
      if (listed != definition.get("instances").asLong()) {
        disagreements.add(definition.get("id").asText() + ": list " + definition.get("instances") + ", page " + listed);
      }
    }

    assertThat(disagreements).isEmpty();
    assertThat(running).as("the process owner sees the running incidents").isPositive();
  }
}
