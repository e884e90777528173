package io.chefsache.intake;

import static io.chefsache.support.MentionJson.mention;
import static io.chefsache.support.MentionJson.uniqueThread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.escalation.RunningFigures;
import io.chefsache.replay.SignedMentionSender;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.IncidentDriver;
import io.chefsache.support.MentionJson;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The figures a process sees are those of all stored mentions, although they are kept incrementally:
 * each report counts only the mentions not yet counted.
 */
@ChefsacheTest
class RunningFiguresTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  IncidentDriver driver;
  @Autowired
  RunningFigures figures;
  @Autowired
  TransactionTemplate transaction;

  SignedMentionSender sender;

  @BeforeEach
  void sender() {
    sender = MentionJson.demoSender(port);
  }

  @Test
  void figuresCountedReportByReportAreThoseOfAllStoredMentions() throws Exception {
    String thread = uniqueThread("waves");
    String key = "facebook:" + thread;
    String incident = open(mention(thread));
    for (int wave = 1; wave <= 3; wave++) {
      sender.send(mention(thread).with("sentiment", -0.1 * wave).with("author",
          Map.of("handle", "@wave" + wave, "followers", 10_000 * wave, "verified", false)).json());
      sender.send(mention(thread).with("sentiment", 0.3).with("topics", List.of("delivery-" + wave)).json());
      long expected = 1 + 2L * wave;
      await().atMost(Duration.ofSeconds(15)).until(() -> mentionCount(incident) == expected);
    }
    // two negative mentions of two hours ago: in the count, not in the last 60 minutes
    insertMention(key, thread + "-old-1", Instant.now().minus(Duration.ofHours(2)), -0.9);
    insertMention(key, thread + "-old-2", Instant.now().minus(Duration.ofHours(2)), -0.9);

    await().atMost(Duration.ofSeconds(15)).until(() -> mentionCount(incident) == 9);
    assertThat(runtimeService.getVariables(incident, List.of("negativeMentions60m", "highestReach",
        "lowestSentiment", "topics", "pressInvolved")))
        .containsEntry("negativeMentions60m", 4L)
        .containsEntry("highestReach", 30_000L)
        .containsEntry("lowestSentiment", -0.9)
        .containsEntry("topics", "customer-service,delivery-1,delivery-2,delivery-3")
        .containsEntry("pressInvolved", false);
    assertThat(runtimeService.getVariable(incident, "negativeMentions60m")).isEqualTo(jdbc.queryForObject("""
        select count(*) from mention where incident_key = ? and sentiment < 0 and received_at >= ?""", Long.class,
        key, Timestamp.from(Instant.now().minus(Duration.ofMinutes(59)))));
  }

  @Test
  void twoNodesCountingOneIncidentAtOnceCountEachMentionOnce() throws Exception {
    String thread = uniqueThread("two-nodes");
    String key = "facebook:" + thread;
    open(mention(thread));
    for (int i = 0; i < 300; i++) {
      insertMention(key, thread + "-" + i, Instant.now(), -0.5);
    }

    CyclicBarrier together = new CyclicBarrier(2);
    var nodes = Executors.newFixedThreadPool(2);
    try {
      var counting = List.of(1, 2).stream().map(node -> nodes.submit(() -> {
        together.await();
        return transaction.execute(status -> figures.count(key));
      })).toList();
      for (var node : counting) {
        node.get();
      }
    } finally {
      nodes.shutdown();
    }

    assertThat(jdbc.queryForMap("select mention_count, highest_reach from incident where incident_key = ?", key))
        .containsEntry("MENTION_COUNT", 301L);
    assertThat(jdbc.queryForObject("select sum(negative) from incident_minute where incident_key = ?", Long.class,
        key)).isEqualTo(301L);
    assertThat(jdbc.queryForObject("select count(*) from mention where incident_key = ? and counted = false",
        Long.class, key)).isZero();
  }

  @Test
  void aSituationsFiguresAreThoseOfAllItsThreadsWithTheMentionsBeforeAThreadJoined() throws Exception {
    String story = "running-" + UUID.randomUUID();
    String lead = uniqueThread("lead");
    String later = uniqueThread("later");
    String leadIncident = open(mention(lead).with("storyId", story));
    String situationKey = (String) runtimeService.getVariable(leadIncident, "situationKey");
    // the later thread has three mentions, all counted, before its triage lets it join
    String laterIncident = JSON.readTree(sender.send(mention(later).with("platform", "instagram")
        .with("storyId", story).json()).body()).get("processInstanceId").asText();
    sender.send(mention(later).with("platform", "instagram").with("storyId", story).negative().json());
    sender.send(mention(later).with("platform", "instagram").with("storyId", story)
        .with("author", Map.of("handle", "@presse", "followers", 250_000, "verified", true))
        .with("topics", List.of("press")).json());
    await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
        "select mention_count from incident where incident_key = ?", Long.class, "instagram:" + later) == 3);
    runJobs(laterIncident);
    assertThat(runtimeService.getVariable(laterIncident, "situationKey")).isEqualTo(situationKey);

    sender.send(mention(lead).with("storyId", story).negative().json());

    String situation = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(situationKey)
        .singleResult().getId();
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(runtimeService.getVariables(situation,
        List.of("mentionCount", "negativeMentions60m", "highestReach", "topics", "pressInvolved", "threadCount",
            "platforms")))
        .containsEntry("mentionCount", 5L)
        .containsEntry("negativeMentions60m", 5L)
        .containsEntry("highestReach", 250_000L)
        .containsEntry("topics", "customer-service,press")
        .containsEntry("pressInvolved", true)
        .containsEntry("threadCount", 2L)
        .containsEntry("platforms", "facebook, instagram"));
  }

  private String open(MentionJson first) throws Exception {
    String incident = JSON.readTree(sender.send(first.json()).body()).get("processInstanceId").asText();
    runJobs(incident);
    return incident;
  }

  /** Runs the incident's jobs; the reporter may re-triage it meanwhile, and a job that collides runs again. */
  private void runJobs(String incident) {
    await().atMost(Duration.ofSeconds(15)).ignoreException(OptimisticLockingException.class)
        .untilAsserted(() -> driver.runJobs(incident));
  }

  private long mentionCount(String processInstanceId) {
    return (Long) runtimeService.getVariable(processInstanceId, "mentionCount");
  }

  /** A mention committed by another node (this one never heard of it), received at {@code receivedAt}. */
  private void insertMention(String incidentKey, String externalId, Instant receivedAt, double sentiment) {
    jdbc.update("""
        insert into mention (id, webhook_id, platform, external_id, incident_key, text, created_at, received_at,
          sentiment, topics, payload_sha256)
        values (?, ?, 'facebook', ?, ?, 'Noch da?', ?, ?, ?, 'customer-service', ?)""",
        UUID.randomUUID().toString(), "msg_" + externalId, externalId, incidentKey, Timestamp.from(receivedAt),
        Timestamp.from(receivedAt), sentiment, "0".repeat(64));
  }
}
