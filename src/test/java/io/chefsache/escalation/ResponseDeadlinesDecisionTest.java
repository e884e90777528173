package io.chefsache.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.ChefsacheTest;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The default deadlines of the crisis plan, one rule per level. */
@ChefsacheTest
class ResponseDeadlinesDecisionTest {

  @Autowired
  DecisionService decisions;

  @ParameterizedTest(name = "level {0}")
  @CsvSource(nullValues = "null", textBlock = """
      0, PT30M, null,  null,  null,  null
      1, null,  PT60M, PT45M, null,  null
      2, null,  PT30M, PT20M, null,  null
      3, null,  PT15M, null,  PT30M, R/PT60M
      """)
  void deadlines(int level, String observation, String response, String reminder, String legal, String cycle) {
    DmnDecisionRuleResult result = decisions.evaluateDecisionTableByKey("ResponseDeadlines", Map.of("level", level))
        .getSingleResult();

    assertThat((String) result.get("observationWindow")).isEqualTo(observation);
    assertThat((String) result.get("responseDue")).isEqualTo(response);
    assertThat((String) result.get("responseReminder")).isEqualTo(reminder);
    assertThat((String) result.get("legalReviewDue")).isEqualTo(legal);
    assertThat((String) result.get("statusUpdateCycle")).isEqualTo(cycle);
  }
}
