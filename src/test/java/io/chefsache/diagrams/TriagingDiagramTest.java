package io.chefsache.diagrams;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.chefsache.escalation.DeadlinesByStepListener;
import io.chefsache.escalation.DueDates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ExclusiveGatewayBuilder;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests of the two diagrams that triage with the decision tables and hand the work to
 * other diagrams (IncidentEscalationProcess, SituationProcess). The DMN tables are deployed for
 * real, so a test's figures take the paths the process owner's rules give them. The delegates
 * around them are mocks that do what the diagram relies on: the rule versions are pinned, a triage
 * sets the level unless it is higher already (a level never drops), an escalation raises it by one.
 *
 * <p>The called diagrams have tests of their own; here each is a stub under its process key
 * ({@link #stub}) that waits in one task until the test lets it end, normally or with one of the
 * escalations the real diagram throws. The stubs are left out of the coverage.
 */
abstract class TriagingDiagramTest extends DiagramTest {

  static final String IN_CALLED_PROCESS = "Task_StandInForCalledProcess";
  static final String BESIDE_CALLED_PROCESS = "Task_StandInForABranch";

  final ExecutionListener pinRuleVersions = mock(ExecutionListener.class);
  final JavaDelegate applyTriage = mock(JavaDelegate.class);
  final JavaDelegate raiseLevel = mock(JavaDelegate.class);
  final DueDates dueDates = mock(DueDates.class);
  /** the levels the triages found, one entry per triage */
  final List<Integer> triagedLevels = new ArrayList<>();
  /** the escalation codes that raised the level, one entry per raise */
  final List<String> raisedFor = new ArrayList<>();
  private final List<String> stubDeployments = new ArrayList<>();

  @BeforeEach
  void registerTriageAndRaise() throws Exception {
    Mocks.register("pinRuleVersionsListener", pinRuleVersions);
    Mocks.register("applyTriageDelegate", applyTriage);
    Mocks.register("raiseLevelDelegate", raiseLevel);
    Mocks.register("dueDates", dueDates);
    Mocks.register("deadlinesByStep", new DeadlinesByStepListener());
    Mocks.register("outboundRetryCycle", "R3/PT5M");
    when(dueDates.after(anyString())).thenAnswer(call ->
        Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.parse(call.getArgument(0)))));
    doAnswer(call -> {
      DelegateExecution execution = call.getArgument(0);
      execution.setVariable("triageRulesVersion", latestVersion("IncidentTriage"));
      execution.setVariable("deadlineRulesVersion", latestVersion("ResponseDeadlines"));
      execution.setVariable("groupingRulesVersion", latestVersion("SituationGrouping"));
      return null;
    }).when(pinRuleVersions).notify(any());
    doAnswer(call -> {
      DelegateExecution execution = call.getArgument(0);
      int level = ((Number) ((Map<?, ?>) execution.getVariable("triage")).get("level")).intValue();
      triagedLevels.add(level);
      Integer current = (Integer) execution.getVariable("level");
      if (current == null || level > current) {
        execution.setVariable("level", level);
      }
      return null;
    }).when(applyTriage).execute(any());
    doAnswer(call -> {
      DelegateExecution execution = call.getArgument(0);
      raisedFor.add((String) execution.getVariable("escalationCode"));
      Object raiseTo = execution.getVariableLocal("raiseTo");
      execution.setVariable("level", raiseTo == null ? (Integer) execution.getVariable("level") + 1
          : Math.max((Integer) execution.getVariable("level"), Integer.parseInt(raiseTo.toString())));
      return null;
    }).when(raiseLevel).execute(any());
  }

  private static int latestVersion(String decisionKey) {
    return repositoryService().createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey).latestVersion()
        .singleResult().getVersion();
  }

  /**
   * Deploys a stand-in under a called diagram's key: it waits in {@value #IN_CALLED_PROCESS} and then
   * ends ({@link #finish}) or throws one of {@code escalationCodes} ({@link #escalate}).
   */
  void stub(String processKey, String... escalationCodes) {
    UserTaskBuilder work = Bpmn.createExecutableProcess(processKey).camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask(IN_CALLED_PROCESS).name("Stands in for " + processKey);
    BpmnModelInstance model;
    if (escalationCodes.length == 0) {
      model = work.endEvent("EndEvent_Done").done();
    } else {
      ExclusiveGatewayBuilder outcome = work.exclusiveGateway("Gateway_Outcome");
      outcome.condition("done", "${outcome == 'done'}").endEvent("EndEvent_Done");
      for (String code : escalationCodes) {
        outcome.moveToNode("Gateway_Outcome").condition(code, "${outcome == '" + code + "'}")
            .endEvent("EndEvent_" + code).escalation(code);
      }
      model = outcome.done();
    }
    stubDeployments.add(repositoryService().createDeployment().name("stub " + processKey)
        .addModelInstance(processKey + ".bpmn", model).deploy().getId());
  }

  /**
   * Deploys a stand-in that throws {@code escalationCode} when its branch {@value #BESIDE_CALLED_PROCESS}
   * is done, while it goes on waiting in {@value #IN_CALLED_PROCESS}: a called diagram whose escalation
   * leaves its work open (the line's overdue answers while management follows the situation).
   */
  void stubEscalatingBeside(String processKey, String escalationCode) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(processKey).camundaHistoryTimeToLive(1)
        .startEvent().parallelGateway("Gateway_Fork")
        .userTask(IN_CALLED_PROCESS).endEvent("EndEvent_Done")
        .moveToNode("Gateway_Fork").userTask(BESIDE_CALLED_PROCESS).endEvent("EndEvent_" + escalationCode)
        .escalation(escalationCode)
        .done();
    stubDeployments.add(repositoryService().createDeployment().name("stub " + processKey)
        .addModelInstance(processKey + ".bpmn", model).deploy().getId());
  }

  @AfterEach
  void removeStubs() {
    stubDeployments.forEach(id -> repositoryService().deleteDeployment(id, true));
  }

  /** the row of DMN ResponseDeadlines a process works with */
  @SuppressWarnings("unchecked")
  static Map<String, Object> deadlines(String processInstanceId) {
    return (Map<String, Object>) runtimeService().getVariable(processInstanceId, "deadlines");
  }

  /** the called diagram {@code processKey} that {@code caller} runs now */
  static ProcessInstance called(String processKey, ProcessInstance caller) {
    return calledProcessInstance(processKey, caller);
  }

  /** the called diagram ends normally, e.g. the crew has answered */
  static void finish(String processKey, ProcessInstance caller) {
    complete(task(IN_CALLED_PROCESS, called(processKey, caller)), withVariables("outcome", "done"));
  }

  /** the called diagram ends with an escalation, e.g. a missed deadline */
  static void escalate(String processKey, ProcessInstance caller, String escalationCode) {
    complete(task(IN_CALLED_PROCESS, called(processKey, caller)), withVariables("outcome", escalationCode));
  }
}
