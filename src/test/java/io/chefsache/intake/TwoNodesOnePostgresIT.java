package io.chefsache.intake;

import static io.chefsache.support.MentionJson.mention;
import static io.chefsache.support.MentionJson.uniqueThread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.ChefsacheApplication;
import io.chefsache.replay.SignedMentionSender;
import io.chefsache.support.EmbeddedPostgresDatabase;
import io.chefsache.support.MentionJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Camunda's cluster model: two Chefsache nodes sharing one PostgreSQL, each with its job executor
 * and its re-triage reporter. Mentions of one thread arrive at both nodes at once.
 */
class TwoNodesOnePostgresIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<ConfigurableApplicationContext> NODES = new ArrayList<>();
  private static final List<SignedMentionSender> SENDERS = new ArrayList<>();

  @BeforeAll
  static void startTwoNodes() {
    String url = EmbeddedPostgresDatabase.newDatabase();
    for (int node = 0; node < 2; node++) {
      var app = new SpringApplicationBuilder(ChefsacheApplication.class).profiles("demo", "postgres")
          .run("--CHEFSACHE_DB_URL=" + url, "--CHEFSACHE_DB_USER=postgres", "--CHEFSACHE_DB_PASSWORD=postgres",
              "--CHEFSACHE_PORT=0", "--CHEFSACHE_MANAGEMENT_PORT=0", "--chefsache.demo.sample-incidents=false",
              "--camunda.bpm.generate-unique-process-engine-name=true",
              "--camunda.bpm.generate-unique-process-application-name=true");
      NODES.add(app);
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      SENDERS.add(MentionJson.demoSender(port));
    }
  }

  @AfterAll
  static void stopNodes() {
    NODES.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void mentionsOfOneThreadOnBothNodesOpenOneIncidentAndAreCountedExactly() throws Exception {
    String thread = uniqueThread("cluster");
    int mentions = 400;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<SignedMentionSender.Response>> futures = new ArrayList<>();
    for (int i = 0; i < mentions; i++) {
      SignedMentionSender sender = SENDERS.get(i % 2);
      futures.add(pool.submit(() -> {
        go.await();
        return sender.send(mention(thread).negative().json());
      }));
    }
    go.countDown();
    List<String> processInstances = new ArrayList<>();
    for (Future<SignedMentionSender.Response> future : futures) {
      var response = future.get();
      assertThat(response.status()).isEqualTo(202);
      processInstances.add(JSON.readTree(response.body()).get("processInstanceId").asText());
    }
    pool.shutdown();

    JdbcTemplate jdbc = NODES.get(0).getBean(JdbcTemplate.class);
    ProcessEngine engine = NODES.get(1).getBean(ProcessEngine.class);
    String processInstanceId = processInstances.get(0);
    assertThat(processInstances).containsOnly(processInstanceId);
    // a node that lost the race for the incident row rolled its process start back: no trace of it
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey("facebook:" + thread).processDefinitionKey("IncidentEscalationProcess").count())
        .isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from incident where incident_key = ?", Long.class,
        "facebook:" + thread)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from mention where incident_key = ?", Long.class,
        "facebook:" + thread)).isEqualTo(mentions);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(engine.getRuntimeService().getVariable(processInstanceId, "mentionCount")).isEqualTo((long) mentions);
      assertThat(engine.getRuntimeService().getVariable(processInstanceId, "level")).isEqualTo(3);
    });
    assertThat(engine.getHistoryService().createHistoricDetailQuery().variableUpdates()
        .processInstanceId(processInstanceId).list().stream()
        .map(org.camunda.bpm.engine.history.HistoricVariableUpdate.class::cast)
        .filter(update -> update.getVariableName().equals("level"))
        .map(org.camunda.bpm.engine.history.HistoricVariableUpdate::getValue).toList())
        .doesNotHaveDuplicates();
  }
}
