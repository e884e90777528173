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
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A shitstorm replayed through the signed intake, then replayed again, as the product demo does.
 * Subclasses replay different stories (topic, platforms, pace): each must give the same shape.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"demo", "test"})
abstract class ReplayContract {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The stream of mentions to replay. */
  abstract Path sample();

  /** The sensitive topic of the story. */
  abstract String storyTopic();

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;

  @Test
  void theShitstormEndsWithTheRightLevelsOneSituationAndEveryMentionCountedOnce() throws Exception {
    var output = new ByteArrayOutputStream();
    var options = ReplayCommand.Options.parse("--file", sample().toString(), "--url", "http://localhost:" + port,
        "--speed", "0", "--settle", "5");

    var summary = ReplayCommand.run(options, new PrintStream(output, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream()));

    Threads threads = Threads.of(Files.readAllLines(sample()), storyTopic());
    assertThat(summary.sent()).isEqualTo(threads.mentions);
    assertThat(summary.accepted()).isEqualTo(threads.mentions);
    assertThat(summary.errors()).isEmpty();
    assertThat(output.toString(StandardCharsets.UTF_8)).containsPattern("accepted +" + threads.mentions + "\\b")
        .contains("level 3 crisis");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      for (var thread : threads.count.entrySet()) {
        assertThat(processVariable(thread.getKey(), "mentionCount")).as(thread.getKey())
            .isEqualTo((long) thread.getValue());
      }
    });
    assertThat(processVariable(threads.trigger, "level")).isEqualTo(3);
    threads.spamOnly.forEach(key -> assertThat(processVariable(key, "level")).as(key).isEqualTo(0));
    threads.routineQuestions.forEach(key -> assertThat(processVariable(key, "level")).as(key).isEqualTo(1));
    assertThat(threads.spamOnly).hasSizeGreaterThan(10);
    assertThat(threads.routineQuestions).hasSizeGreaterThan(50);
    theStoryIsOneSituation(threads);

    var again = ReplayCommand.run(options, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()));

    assertThat(again.accepted()).isZero();
    assertThat(again.duplicates()).isEqualTo(threads.mentions);
    assertThat(jdbc.queryForObject("select count(*) from mention", Long.class)).isEqualTo(threads.mentions);
  }

  /**
   * The viral thread and its spill-over onto other platforms are one situation, handled once: one
   * crisis (the story reaches level 3 at this pace), one holding statement; routine threads stay
   * incidents of their own.
   */
  private void theStoryIsOneSituation(Threads threads) {
    String situationKey = (String) processVariable(threads.trigger, "situationKey");
    assertThat(situationKey).isNotNull();
    long inSituation = threads.story.stream().filter(key -> situationKey.equals(processVariable(key, "situationKey")))
        .count();
    assertThat(inSituation).as("story threads in the viral thread's situation, of " + threads.story.size())
        .isGreaterThanOrEqualTo(Math.round(threads.story.size() * 0.9));
    assertThat(threads.story.size()).isGreaterThan(20);
    threads.routineQuestions.forEach(key -> assertThat(processVariable(key, "situationKey")).as(key).isNull());
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("SituationProcess").count())
        .as("situations").isEqualTo(1);
    var situation = runtimeService.createProcessInstanceQuery().processDefinitionKey("SituationProcess")
        .processInstanceBusinessKey(situationKey).singleResult();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(runtimeService.getVariable(situation.getId(), "level")).isEqualTo(3);
      assertThat(taskService.createTaskQuery().taskDefinitionKey("Task_DraftHoldingStatement").count())
          .as("holding statements to draft").isEqualTo(1);
    });
    assertThat(taskService.createTaskQuery().taskDefinitionKey("Task_ProposeReply").count())
        .as("per-thread proposals for management").isZero();
    assertThat(taskService.createTaskQuery().taskDefinitionKey("Task_AnswerWithLine")
        .processVariableValueEquals("situationKey", situationKey).count()).isEqualTo(inSituation);
  }

  private Object processVariable(String incidentKey, String name) {
    ProcessInstance incident = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(incidentKey)
        .processDefinitionKey("IncidentEscalationProcess").singleResult();
    return incident == null ? null : runtimeService.getVariable(incident.getId(), name);
  }

  /** The sample's threads, sorted into what the crisis plan should make of them. */
  private record Threads(int mentions, Map<String, Integer> count, Set<String> spamOnly, Set<String> routineQuestions,
      Set<String> story, String trigger) {

    static Threads of(List<String> lines, String storyTopic) throws Exception {
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
      Set<String> story = new HashSet<>();
      topics.forEach((key, seen) -> {
        if (seen.contains(storyTopic)) {
          story.add(key);
        }
        if (seen.equals(Set.of("spam"))) {
          spamOnly.add(key);
        } else if (seen.equals(Set.of("customer-service"))) {
          routine.add(key);
        }
      });
      String trigger = count.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      return new Threads(mentions, count, spamOnly, routine, story, trigger);
    }
  }
}
