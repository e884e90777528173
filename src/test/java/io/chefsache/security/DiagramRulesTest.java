package io.chefsache.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The expression allow-list without the engine: what passes and what is refused, and why. */
class DiagramRulesTest {

  private static final Set<String> BEANS = Set.of("notifyGroupDelegate", "crewDecisionCheck", "outboundRetryCycle",
      "dueDates", "situations", "dataSource", "environment", "runtimeService");
  private static final Set<String> ALLOWED = Set.of("notifyGroupDelegate", "crewDecisionCheck", "outboundRetryCycle");

  private final ExpressionRules rules = new ExpressionRules(BEANS::contains, ALLOWED::contains);

  @ParameterizedTest
  @ValueSource(strings = {"${level > 0 && mentionCount > observedMentionCount}", "${25 + 25 * level}",
      "${deadlines.responseDue}", "${deadlines['responseDue']}", "${dueDates.after(deadlines.responseDue)}",
      "${!situations.hasLine(situationKey)}", "${execution.setVariable('seen', mentionCount)}",
      "#{execution.processBusinessKey}", "${empty replyText ? replyTemplate : replyText}", "${outboundRetryCycle}",
      "Set the line: ${situationTitle}", "${now()}", "${notifyGroupDelegate}", "no expression"})
  void allowed(String expression) {
    assertThat(rules.check(expression)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('id')}",
      "${replyText.class.classLoader}", "${replyText.getClass()}", "${deadlines[key]}", "${environment.getProperty('x')}",
      "${dataSource.connection}", "${runtimeService}", "${execution.processEngineServices}", "${execution.getProcessEngine()}",
      "${task.execution.processEngine}", "${dueDates.after('P1D').time}", "${situations.answerAll(key, 'me')}",
      "${S(json)}", "${execution}", "${level > 0 ? ''.getClass() : 1}"})
  void refused(String expression) {
    assertThat(rules.check(expression)).isPresent();
  }

  static Stream<Path> projectFiles() throws IOException {
    return Files.list(Path.of("bpmn")).sorted();
  }

  @ParameterizedTest
  @MethodSource("projectFiles")
  void everyDiagramOfTheProjectPassesWithItsBeans(Path file) throws IOException {
    var beans = Set.of("notifyGroupDelegate", "publishReplyDelegate", "applyTriageDelegate", "freezeScheduledPostsDelegate",
        "situationLineCheck", "raiseLevelDelegate", "pinRuleVersionsListener", "joinSituationDelegate",
        "situationDecisionCheck", "postToChatDelegate", "managementDecisionCheck", "lineForThreadListener",
        "hideMentionDelegate", "handLineToThreadsDelegate", "departureDecisionCheck", "crewDecisionCheck",
        "checkCrewAnswersDelegate", "answerWithLineCheck", "outboundRetryCycle");
    var projectRules = new DiagramRules(new ExpressionRules(name -> beans.contains(name) || name.equals("dueDates")
        || name.equals("situations"), beans::contains));

    assertThat(projectRules.check(file.getFileName().toString(), Files.readAllBytes(file)))
        .extracting(Problem::getMessage).isEmpty();
  }
}
