package io.chefsache.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.ChefsacheTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the crisis plan's deadlines must keep meaning when a process owner changes DMN
 * ResponseDeadlines (one row per level and step): every row a duration the timers understand, for a
 * step some diagram reads, once per level; a reminder before its deadline, less time the higher the
 * level, a legal review and recurring status updates in a crisis, a deadline for answering with the
 * line. The figures themselves are the owner's.
 */
@ChefsacheTest
class ResponseDeadlinesDecisionTest {

  private static final Pattern STEP_READ = Pattern.compile("deadlines\\.(\\w+)");

  @Autowired
  DecisionService decisions;

  @ParameterizedTest(name = "level {0}")
  @ValueSource(ints = {0, 1, 2, 3})
  void everyRowIsADurationForAStepADiagramReadsAndNoStepTwice(int level) throws IOException {
    List<Map<String, Object>> rows = rows(level);

    assertThat(rows).as("rows for level " + level).isNotEmpty();
    assertThat(rows).extracting(row -> row.get("step")).as("steps at level " + level)
        .doesNotHaveDuplicates().allSatisfy(step -> assertThat(stepsTheDiagramsRead()).contains((String) step));
    rows.forEach(row -> assertThat(Duration.parse(((String) row.get("due")).replaceFirst("^R\\d*/", "")))
        .as(row.get("step") + " at level " + level).isPositive());
  }

  @Test
  void observingWaitsForNewActivityAndAsksNobodyToAnswer() {
    assertThat(deadlines(0)).containsKey("observationWindow").doesNotContainKey("responseDue");
  }

  @Test
  void everyLevelWithPeopleHasAResponseDeadlineAndItsReminderComesFirst() {
    for (int level = 1; level <= 3; level++) {
      Map<String, Duration> deadlines = deadlines(level);
      assertThat(deadlines).as("level " + level).containsKey("responseDue");
      if (deadlines.containsKey("responseReminder")) {
        assertThat(deadlines.get("responseReminder")).as("reminder at level " + level)
            .isLessThan(deadlines.get("responseDue"));
      }
    }
  }

  @Test
  void theHigherTheLevelTheLessTimeToRespond() {
    assertThat(deadlines(2).get("responseDue")).isLessThanOrEqualTo(deadlines(1).get("responseDue"));
    assertThat(deadlines(3).get("responseDue")).isLessThanOrEqualTo(deadlines(2).get("responseDue"));
  }

  @Test
  void aCrisisHasALegalReviewAndRecurringStatusUpdatesEachDueBeforeTheNext() {
    Map<String, Duration> crisis = deadlines(3);
    String cycle = (String) rows(3).stream().filter(row -> row.get("step").equals("statusUpdateCycle")).findFirst()
        .orElseThrow().get("due");

    assertThat(crisis).containsKey("legalReviewDue");
    assertThat(cycle).startsWith("R");
    assertThat(crisis.get("statusUpdateDue")).isLessThan(crisis.get("statusUpdateCycle"));
  }

  @Test
  void inASituationTheCrewHasADeadlineForAnsweringWithTheLine() {
    assertThat(deadlines(2)).containsKey("answerWithLineDue");
    assertThat(deadlines(3)).containsKey("answerWithLineDue");
  }

  private List<Map<String, Object>> rows(int level) {
    return decisions.evaluateDecisionTableByKey("ResponseDeadlines", Map.of("level", level)).getResultList();
  }

  private Map<String, Duration> deadlines(int level) {
    var deadlines = new HashMap<String, Duration>();
    rows(level).forEach(row -> deadlines.put((String) row.get("step"),
        Duration.parse(((String) row.get("due")).replaceFirst("^R\\d*/", ""))));
    return deadlines;
  }

  private static Set<String> stepsTheDiagramsRead() throws IOException {
    try (Stream<Path> diagrams = Files.list(Path.of("bpmn"))) {
      return diagrams.filter(path -> path.toString().endsWith(".bpmn")).flatMap(path -> {
        try {
          return STEP_READ.matcher(Files.readString(path)).results().map(match -> match.group(1));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).collect(Collectors.toSet());
    }
  }
}
