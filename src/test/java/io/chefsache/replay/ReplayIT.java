package io.chefsache.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The product demo: the sample shitstorm replayed through the signed intake, then replayed again. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"demo", "test"})
class ReplayIT {

  private static final Path SAMPLE = Path.of("src/test/resources/sample-shitstorm.jsonl");
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  RuntimeService runtimeService;

  @Test
  void theSampleShitstormEndsWithTheRightLevelsAndEveryMentionCountedOnce() throws Exception {
    var output = new ByteArrayOutputStream();
    var options = ReplayCommand.Options.parse("--file", SAMPLE.toString(), "--url", "http://localhost:" + port,
        "--speed", "0", "--settle", "2");

    var summary = ReplayCommand.run(options, new PrintStream(output, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream()));

    Threads threads = Threads.of(Files.readAllLines(SAMPLE));
    assertThat(summary.sent()).isEqualTo(threads.mentions);
    assertThat(summary.accepted()).isEqualTo(threads.mentions);
    assertThat(summary.errors()).isEmpty();
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("accepted      " + threads.mentions)
        .contains("level 3 crisis");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      for (var thread : threads.count.entrySet()) {
        assertThat(processVariable(thread.getKey(), "mentionCount")).as(thread.getKey())
            .isEqualTo((long) thread.getValue());
      }
    });
    assertThat(processVariable("facebook:fb-post-4471", "level")).isEqualTo(3);
    threads.spamOnly.forEach(key -> assertThat(processVariable(key, "level")).as(key).isEqualTo(0));
    threads.routineQuestions.forEach(key -> assertThat(processVariable(key, "level")).as(key).isEqualTo(1));
    assertThat(threads.spamOnly).hasSizeGreaterThan(10);
    assertThat(threads.routineQuestions).hasSizeGreaterThan(50);

    var again = ReplayCommand.run(options, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()));

    assertThat(again.accepted()).isZero();
    assertThat(again.duplicates()).isEqualTo(threads.mentions);
    assertThat(jdbc.queryForObject("select count(*) from mention", Long.class)).isEqualTo(threads.mentions);
  }

  private Object processVariable(String incidentKey, String name) {
    ProcessInstance incident = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(incidentKey)
        .processDefinitionKey("IncidentEscalationProcess").singleResult();
    return incident == null ? null : runtimeService.getVariable(incident.getId(), name);
  }

  /** The sample's threads, sorted into what the crisis plan should make of them. */
  private record Threads(int mentions, Map<String, Integer> count, Set<String> spamOnly, Set<String> routineQuestions) {

    static Threads of(List<String> lines) throws Exception {
      Map<String, Integer> count = new HashMap<>();
      Map<String, Set<String>> topics = new HashMap<>();
      int mentions = 0;
      for (String line : lines) {
        if (line.isBlank()) {
          continue;
        }
        mentions++;
        JsonNode mention = JSON.readTree(line);
        String key = mention.get("platform").asText() + ":" + mention.get("threadId").asText();
        count.merge(key, 1, Integer::sum);
        mention.get("topics").forEach(topic -> topics.computeIfAbsent(key, k -> new HashSet<>()).add(topic.asText()));
        topics.computeIfAbsent(key, k -> new HashSet<>());
      }
      Set<String> spamOnly = new HashSet<>();
      Set<String> routine = new HashSet<>();
      topics.forEach((key, seen) -> {
        if (seen.equals(Set.of("spam"))) {
          spamOnly.add(key);
        } else if (seen.equals(Set.of("customer-service"))) {
          routine.add(key);
        }
      });
      return new Threads(mentions, count, spamOnly, routine);
    }
  }
}
