package io.chefsache.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.notify.OutboundActions;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.IncidentDriver;
import io.chefsache.support.MentionJson;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@ChefsacheTest
class OwnDataRetentionTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentDriver driver;
  @Autowired
  OwnDataRetention retention;
  @Autowired
  OutboundActions outbound;
  @Autowired
  JdbcTemplate jdbc;
  @LocalServerPort
  int port;

  @Test
  void mentionsAndRepliesGoWhenTheEnginesHistoryCleanupHasRemovedTheIncident() throws Exception {
    String cleanedUp = answeredIncident();
    String kept = answeredIncident();
    engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(cleanedUp).list()
        .stream().map(HistoricProcessInstance::getId)
        .forEach(id -> engine.getHistoryService().deleteHistoricProcessInstanceIfExists(id));

    retention.removeCleanedUpIncidents(Instant.now());

    assertThat(rows("mention", cleanedUp)).isZero();
    assertThat(rows("incident", cleanedUp)).isZero();
    assertThat(outbound.actionsOf(cleanedUp)).isEmpty();
    assertThat(rows("mention", kept)).isEqualTo(1);
    assertThat(outbound.actionsOf(kept)).hasSize(1);
  }

  private String answeredIncident() throws Exception {
    var accepted = new ObjectMapper().readTree(MentionJson.demoSender(port)
        .send(MentionJson.mention(MentionJson.uniqueThread("retention")).json()).body());
    var incident = driver.instance(accepted.get("processInstanceId").asText());
    driver.runJobs(incident.getId());
    driver.complete(incident, "Task_RespondToMention", "mia",
        Map.of("crewDecision", "reply", "replyTemplate", "", "replyText", "Danke!"));
    return accepted.get("incidentKey").asText();
  }

  private long rows(String table, String incidentKey) {
    return jdbc.queryForObject("select count(*) from " + table + " where incident_key = ?", Long.class, incidentKey);
  }
}
