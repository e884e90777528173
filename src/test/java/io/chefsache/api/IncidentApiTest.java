package io.chefsache.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.IncidentDriver;
import io.chefsache.support.MentionJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriUtils;

@ChefsacheTest
class IncidentApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentDriver driver;
  @LocalServerPort
  int port;

  @Test
  void theIncidentApiNeedsALogin() {
    assertThat(rest.getForEntity("/api/incidents", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("paul", "wrong").getForEntity("/api/incidents", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void anIncidentShowsLevelFiguresAndOpenTasks() throws Exception {
    var incident = driver.open(IncidentDriver.influencerComplaint());
    String key = incident.getBusinessKey();

    ResponseEntity<String> response = rest.withBasicAuth("ines", "demo").getForEntity("/api/incidents/" + key,
        String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = JSON.readTree(response.getBody());
    assertThat(body.get("status").asText()).isEqualTo("open");
    assertThat(body.get("level").asInt()).isEqualTo(2);
    assertThat(body.get("levelCause").asText()).startsWith("Triage: Verfasser:in mit 50.000");
    assertThat(body.at("/figures/mentionCount").asLong()).isEqualTo(1);
    assertThat(body.at("/figures/topics").toString()).contains("customer-service");
    assertThat(body.at("/openTasks/0/name").asText()).isEqualTo("Antwort vorschlagen");
    assertThat(body.at("/openTasks/0/candidateGroups/0").asText()).isEqualTo("social-media-crew");
  }

  @Test
  void aPublishedReplyShowsWithThePlatformsId() throws Exception {
    var incident = driver.open(IncidentDriver.question(), "mastodon");
    driver.complete(incident, "Task_RespondToMention", "mia",
        Map.of("crewDecision", "reply", "replyTemplate", "", "replyText", "Bis Samstag!"));

    JsonNode body = JSON.readTree(rest.withBasicAuth("ines", "demo")
        .getForEntity("/api/incidents/" + incident.getBusinessKey(), String.class).getBody());

    assertThat(body.get("status").asText()).isEqualTo("closed");
    assertThat(body.at("/publishedReplies/0/platform").asText()).isEqualTo("mastodon");
    assertThat(body.at("/publishedReplies/0/platformRef").asText()).isEqualTo("110000000000000001");
    assertThat(body.at("/publishedReplies/0/text").asText()).isEqualTo("Bis Samstag!");
  }

  @Test
  void theListFiltersByLevelAndStatus() throws Exception {
    var crisis = driver.open(IncidentDriver.shitstorm());
    var closed = driver.open(IncidentDriver.question());
    driver.complete(closed, "Task_RespondToMention", "mia", Map.of("crewDecision", "close", "closeReason", "Done"));

    JsonNode crises = JSON.readTree(rest.withBasicAuth("ines", "demo")
        .getForObject("/api/incidents?level=3&status=open&size=100", String.class));
    JsonNode closedOnes = JSON.readTree(rest.withBasicAuth("ines", "demo")
        .getForObject("/api/incidents?status=closed&size=100", String.class));

    assertThat(crises.get("items").findValuesAsText("incidentKey")).contains(crisis.getBusinessKey())
        .doesNotContain(closed.getBusinessKey());
    assertThat(crises.get("items").findValuesAsText("level")).containsOnly("3");
    assertThat(closedOnes.get("items").findValuesAsText("incidentKey")).contains(closed.getBusinessKey())
        .doesNotContain(crisis.getBusinessKey());
    assertThat(crises.get("total").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anIncidentWhoseThreadHasSlashesAnswersAtItsPathWithTheSlashesKept() throws Exception {
    String thread = MentionJson.uniqueThread("groups/1234/posts") + "/comments;v=2?page=2#top";
    var mention = MentionJson.mention(thread);
    assertThat(MentionJson.demoSender(port).send(mention.json()).status()).isEqualTo(202);
    String key = "facebook:" + thread;
    // as integration.md says: percent-encode the key except its colon and slashes
    String path = UriUtils.encode(key, StandardCharsets.UTF_8).replace("%3A", ":").replace("%2F", "/");

    ResponseEntity<String> response = rest.withBasicAuth("ines", "demo")
        .getForEntity(URI.create("http://localhost:" + port + "/api/incidents/" + path), String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(JSON.readTree(response.getBody()).get("incidentKey").asText()).isEqualTo(key);
    assertThat(JSON.readTree(rest.getForObject("/api/openapi", String.class)).get("paths").fieldNames()).toIterable()
        .contains("/api/incidents/{incidentKey}");
  }

  @Test
  void whoMayNotReadHistorySeesNoIncidents() throws Exception {
    var incident = driver.open(IncidentDriver.question());

    JsonNode list = JSON.readTree(rest.withBasicAuth("mia", "demo").getForObject("/api/incidents", String.class));
    ResponseEntity<String> detail = rest.withBasicAuth("mia", "demo")
        .getForEntity("/api/incidents/" + incident.getBusinessKey(), String.class);

    assertThat(list.get("total").asLong()).isZero();
    assertThat(detail.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void badQueryParametersAreNamed() {
    ResponseEntity<String> response = rest.withBasicAuth("ines", "demo")
        .getForEntity("/api/incidents?status=maybe&size=1000", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType().toString()).contains("problem+json");
  }
}
