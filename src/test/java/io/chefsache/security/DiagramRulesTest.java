package io.chefsache.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
  private static final Set<String> ALLOWED = Set.of("notifyGroupDelegate", "crewDecisionCheck", "outboundRetryCycle", "deadlinesByStep");

  private final ExpressionRules rules = new ExpressionRules(BEANS::contains, ALLOWED::contains);

  @ParameterizedTest
  @ValueSource(strings = {"${level > 0 && mentionCount > observedMentionCount}", "${25 + 25 * level}",
      "${deadlines.responseDue}", "${deadlines['responseDue']}", "${dueDates.after(deadlines.responseDue)}",
      "${!situations.hasLine(situationKey)}", "${situations.needsLine(situationKey)}",
      "${situations.inCrisis(execution.processBusinessKey)}", "${execution.setVariable('seen', mentionCount)}",
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

  @ParameterizedTest
  @ValueSource(strings = {"evil.groovy", "form.html", "Plan.cmmn", "Helper.class"})
  void codeFilesAreRefused(String resource) {
    assertThat(new DiagramRules(rules).check(resource, new byte[0])).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"<bpmn:userTask id=\"Task_X\"><bpmn:extensionElements><activiti:taskListener "
      + "event=\"create\"><activiti:script scriptFormat=\"groovy\">x</activiti:script></activiti:taskListener>"
      + "</bpmn:extensionElements></bpmn:userTask>",
      "<bpmn:serviceTask id=\"Task_X\" activiti:class=\"org.example.Evil\" />"})
  void activitisLegacyNamespaceIsNoWayAround(String element) {
    String bpmn = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        + "xmlns:activiti=\"http://activiti.org/bpmn\"><bpmn:process id=\"P\">" + element
        + "</bpmn:process></bpmn:definitions>";

    assertThat(new DiagramRules(rules).check("P.bpmn", bpmn.getBytes(StandardCharsets.UTF_8)))
        .extracting(Problem::getMainElementId).contains("Task_X");
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
        "checkCrewAnswersDelegate", "answerWithLineCheck", "holdingStatementCheck", "replyTemplateListener",
        "outboundRetryCycle", "deadlinesByStep");
    var projectRules = new DiagramRules(new ExpressionRules(name -> beans.contains(name) || name.equals("dueDates")
        || name.equals("situations"), beans::contains));

    assertThat(projectRules.check(file.getFileName().toString(), Files.readAllBytes(file)))
        .extracting(Problem::getMessage).isEmpty();
  }
}
