package io.chefsache.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.ChefsacheTest;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the crisis plan's deadlines must keep meaning when a process owner changes the figures in
 * DMN ResponseDeadlines: one rule per level, every deadline a duration the timers understand, a
 * reminder before its deadline, less time the higher the level, a legal review and recurring status
 * updates in a crisis, a deadline for answering with the line. The figures themselves are the owner's.
 */
@ChefsacheTest
class ResponseDeadlinesDecisionTest {

  @Autowired
  DecisionService decisions;

  @ParameterizedTest(name = "level {0}")
  @ValueSource(ints = {0, 1, 2, 3})
  void everyLevelHasOneRuleWhoseDeadlinesAreDurations(int level) {
    DmnDecisionTableResult result = decisions.evaluateDecisionTableByKey("ResponseDeadlines", Map.of("level", level));

    assertThat(result).as("rules for level " + level).hasSize(1);
    result.getSingleResult().getEntryMap().forEach((name, value) -> {
      if (value != null) {
        String duration = name.equals("statusUpdateCycle") ? ((String) value).replaceFirst("^R\\d*/", "") : (String) value;
        assertThat(Duration.parse(duration)).as(name + " at level " + level).isPositive();
      }
    });
  }

  @Test
  void observingWaitsForNewActivityAndAsksNobodyToAnswer() {
    assertThat(deadline(0, "observationWindow")).isNotNull();
    assertThat(deadline(0, "responseDue")).isNull();
  }

  @Test
  void everyLevelWithPeopleHasAResponseDeadlineAndItsReminderComesFirst() {
    for (int level = 1; level <= 3; level++) {
      assertThat(deadline(level, "responseDue")).as("response at level " + level).isNotNull();
      Duration reminder = deadline(level, "responseReminder");
      if (reminder != null) {
        assertThat(reminder).as("reminder at level " + level).isLessThan(deadline(level, "responseDue"));
      }
    }
  }

  @Test
  void theHigherTheLevelTheLessTimeToRespond() {
    assertThat(deadline(2, "responseDue")).isLessThanOrEqualTo(deadline(1, "responseDue"));
    assertThat(deadline(3, "responseDue")).isLessThanOrEqualTo(deadline(2, "responseDue"));
  }

  @Test
  void aCrisisHasALegalReviewAndRecurringStatusUpdates() {
    assertThat(deadline(3, "legalReviewDue")).isNotNull();
    assertThat(decisions.evaluateDecisionTableByKey("ResponseDeadlines", Map.of("level", 3)).getSingleResult()
        .<String>getEntry("statusUpdateCycle")).startsWith("R");
  }

  @Test
  void atLevel2TheCrewHasADeadlineForAnsweringWithTheLine() {
    assertThat(deadline(2, "answerWithLineDue")).isNotNull();
  }

  private Duration deadline(int level, String output) {
    Object value = decisions.evaluateDecisionTableByKey("ResponseDeadlines", Map.of("level", level)).getSingleResult()
        .getEntryMap().get(output);
    return value == null ? null : Duration.parse((String) value);
  }
}
