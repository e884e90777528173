package io.chefsache.intake;

import static io.chefsache.support.MentionJson.mention;
import static io.chefsache.support.MentionJson.uniqueThread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.replay.SignedMentionSender;
import io.chefsache.support.MentionJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The intake under the load of a shitstorm, with the job executor and the re-triage running as in
 * production. Subclasses run it on H2 and on PostgreSQL.
 */
abstract class IntakeUnderLoadContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int SENDERS = 8;

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  HistoryService historyService;

  SignedMentionSender sender;
  ExecutorService senders;

  @BeforeEach
  void start() {
    sender = MentionJson.demoSender(port);
    senders = Executors.newFixedThreadPool(SENDERS);
  }

  @AfterEach
  void stop() {
    senders.shutdownNow();
  }

  @Test
  void concurrentFirstMentionsOfAThreadOpenExactlyOneIncident() throws Exception {
    for (int round = 0; round < 5; round++) {
      String thread = uniqueThread("race");
      List<SignedMentionSender.Response> responses = all(SENDERS, i -> sender.send(mention(thread).json()));

      assertThat(responses).extracting(SignedMentionSender.Response::status).containsOnly(202);
      assertThat(responses.stream().map(r -> field(r, "processInstanceId")).distinct()).hasSize(1);
      assertThat(jdbc.queryForObject("select count(*) from incident where incident_key = ?", Long.class,
          "facebook:" + thread)).isEqualTo(1);
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("facebook:" + thread)
          .processDefinitionKey("IncidentEscalationProcess").count()).isEqualTo(1);
    }
  }

  @Test
  void theSameMentionDeliveredConcurrentlyIsStoredOnce() throws Exception {
    var mention = mention(uniqueThread("dup"));

    List<SignedMentionSender.Response> responses = all(SENDERS, i -> sender.send(mention.json()));

    assertThat(responses).extracting(SignedMentionSender.Response::status).containsOnly(200, 202);
    assertThat(responses).filteredOn(r -> r.status() == 202).hasSize(1);
    assertThat(responses.stream().map(r -> field(r, "mentionId")).distinct()).hasSize(1);
    assertThat(jdbc.queryForObject("select count(*) from mention where external_id = ?", Long.class,
        mention.externalId())).isEqualTo(1);
  }

  @Test
  void aBurstOnOneThreadIsAcknowledgedStoredOnceAndCountedExactly() throws Exception {
    String thread = uniqueThread("burst");
    int burst = 2_000;

    List<SignedMentionSender.Response> responses = all(burst, i -> sender.send(mention(thread).negative().json()));

    assertThat(responses).extracting(SignedMentionSender.Response::status).containsOnly(202);
    assertThat(jdbc.queryForObject("select count(*) from mention where incident_key = ?", Long.class,
        "facebook:" + thread)).isEqualTo(burst);
    String processInstanceId = field(responses.get(0), "processInstanceId");
    await().atMost(PATIENCE).untilAsserted(() -> {
      assertThat(runtimeService.getVariable(processInstanceId, "mentionCount")).isEqualTo((long) burst);
      assertThat(runtimeService.getVariable(processInstanceId, "level")).isEqualTo(3);
    });
    assertThat(levelHistory(processInstanceId)).doesNotHaveDuplicates().endsWith(3);
  }

  @Test
  void theHundredthNegativeMentionWithinAnHourEscalatesToCrisisOnce() throws Exception {
    String thread = uniqueThread("viral");
    String processInstanceId = field(sender.send(mention(thread).with("sentiment", 0.1).json()), "processInstanceId");
    await().atMost(PATIENCE).until(() -> Integer.valueOf(1).equals(runtimeService.getVariable(processInstanceId, "level")));

    all(99, i -> sender.send(mention(thread).negative().json()));
    await().atMost(PATIENCE).untilAsserted(() -> {
      assertThat(runtimeService.getVariable(processInstanceId, "negativeMentions60m")).isEqualTo(99L);
      assertThat(runtimeService.getVariable(processInstanceId, "level")).isEqualTo(2);
    });
    sender.send(mention(thread).negative().json());

    await().atMost(PATIENCE).untilAsserted(() ->
        assertThat(runtimeService.getVariable(processInstanceId, "level")).isEqualTo(3));
    assertThat(runtimeService.getVariable(processInstanceId, "levelCause"))
        .isEqualTo("Neue Aktivität: Shitstorm: 100 oder mehr negative Erwähnungen in 60 Minuten");
    assertThat(levelHistory(processInstanceId)).containsExactly(1, 2, 3);
  }

  /** Every value the incident's level took, in order. */
  private List<Object> levelHistory(String processInstanceId) {
    List<HistoricDetail> updates = historyService.createHistoricDetailQuery().variableUpdates()
        .processInstanceId(processInstanceId).orderByTime().asc().list();
    return updates.stream().map(HistoricVariableUpdate.class::cast)
        .filter(update -> update.getVariableName().equals("level"))
        .map(HistoricVariableUpdate::getValue).toList();
  }

  private interface Send {
    SignedMentionSender.Response send(int index) throws Exception;
  }

  /** Sends {@code count} requests from {@value SENDERS} concurrent senders, released at once. */
  private List<SignedMentionSender.Response> all(int count, Send send) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<SignedMentionSender.Response>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      Callable<SignedMentionSender.Response> call = () -> {
        go.await();
        return send.send(index);
      };
      futures.add(senders.submit(call));
    }
    go.countDown();
    List<SignedMentionSender.Response> responses = Collections.synchronizedList(new ArrayList<>());
    for (Future<SignedMentionSender.Response> future : futures) {
      responses.add(future.get());
    }
    return responses;
  }

  private static String field(SignedMentionSender.Response response, String name) {
    try {
      return JSON.readTree(response.body()).get(name).asText();
    } catch (Exception e) {
      throw new AssertionError(response.toString(), e);
    }
  }
}
