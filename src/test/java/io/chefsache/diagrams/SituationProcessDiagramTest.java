package io.chefsache.diagrams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import io.chefsache.escalation.IncidentFigures;
import io.chefsache.escalation.Situations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/SituationProcess.bpmn with the decision tables it calls: a situation (the threads of one
 * story) is watched until its figures reach level 2; then management sets one line for all threads
 * (SituationLevel2Line), and on level 3 the company's scheduled posts pause while one crisis runs
 * for the situation (IncidentLevel3Crisis), with a line asked for if the threads have none. Posts
 * resume and management reviews the situation when it is over. The called diagrams are stubs (see
 * {@link TriagingDiagramTest}).
 */
@Deployment(resources = {"SituationProcess.bpmn", "IncidentTriage.dmn", "ResponseDeadlines.dmn",
    "SituationGrouping.dmn"})
class SituationProcessDiagramTest extends TriagingDiagramTest {

  static final String LINE = "SituationLevel2Line";
  static final String CRISIS = "IncidentLevel3Crisis";
  static final String SITUATION_KEY = "story-rueckruf@20261203T090000";

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = fullCoverage(LINE, CRISIS);

  /** stands in for the {@code situations} bean: whether the situation's threads still lack a line */
  public static class LineState {
    boolean needsLine;

    public boolean needsLine(String situationKey) {
      return needsLine;
    }
  }

  static final IncidentFigures FEW_COMPLAINTS = new IncidentFigures(3, 3, 300, -0.4, List.of("delivery"), false);
  static final IncidentFigures MANY_COMPLAINTS = new IncidentFigures(40, 25, 300, -0.6, List.of("delivery"), false);
  static final IncidentFigures SHITSTORM = new IncidentFigures(400, 150, 90_000, -0.9, List.of("delivery"), false);

  final JavaDelegate freezeScheduledPosts = mock(JavaDelegate.class);
  final LineState situations = new LineState();
  /** what the scheduled posts were told, in order: pause or resume */
  final List<Object> posts = new ArrayList<>();

  @BeforeEach
  void registerPostsAndStubs() throws Exception {
    Mocks.register("freezeScheduledPostsDelegate", freezeScheduledPosts);
    Mocks.register("situations", situations);
    doAnswer(call -> {
      posts.add(call.<DelegateExecution>getArgument(0).getVariableLocal("freeze"));
      return null;
    }).when(freezeScheduledPosts).execute(any());
    stub(LINE, "LineOverdue", "CrisisRequested");
    stub(CRISIS);
  }

  /** a situation as a thread of the story opens it (figures of the lead thread), triaged after the opening commits */
  ProcessInstance situation(IncidentFigures figures) {
    Map<String, Object> variables = new HashMap<>(figures.toVariables());
    variables.put("incidentKey", "x:thread-1");
    variables.put("storyId", "rueckruf");
    variables.put("situationKey", SITUATION_KEY);
    variables.put("situationTitle", "rueckruf, 03.12. 10:00 MEZ");
    variables.put("threadCount", 1L);
    variables.put("platforms", "x");
    ProcessInstance situation = runtimeService().startProcessInstanceByKey(Situations.PROCESS_KEY, SITUATION_KEY,
        variables);
    execute(job("StartEvent_SituationOpened", situation));
    execute(job("Task_ApplySituationTriage", situation));
    return situation;
  }

  /** new figures of all the situation's threads together, as Situations reports them; re-triage runs in two jobs */
  void newActivity(ProcessInstance situation, IncidentFigures figures, long threadCount) {
    Map<String, Object> variables = new HashMap<>(figures.toVariables());
    variables.put("threadCount", threadCount);
    variables.put("platforms", "x,instagram");
    runtimeService().createMessageCorrelation(Situations.MESSAGE_NEW_ACTIVITY).processInstanceId(situation.getId())
        .setVariables(variables).correlateWithResult();
    execute(job("Task_RetriageSituation", situation));
    execute(job("Task_ApplySituationRetriage", situation));
  }

  /** after the situation: posts resume and management reviews it */
  void reviewed(ProcessInstance situation, int priority) {
    execute(job("Task_ResumeScheduledPosts", situation));
    assertThat(posts).endsWith("resume");
    assertThat(task(situation)).hasCandidateGroup("management")
        .hasName("Nachbetrachtung der Lage: rueckruf, 03.12. 10:00 MEZ");
    assertThat(task(situation).getPriority()).isEqualTo(priority);
    complete(task(situation));
    assertThat(situation).hasPassed("EndEvent_PostsResumed", "EndEvent_SituationReviewed").isEnded();
  }

  @Test
  void aSituationBelowLevel2WaitsUntilItsThreadsTogetherReachIt() {
    ProcessInstance situation = situation(FEW_COMPLAINTS);

    assertThat(situation).isWaitingAt("Event_SituationReachesLevel2").variables().containsEntry("level", 1);
    assertThat(situation).hasNotPassed("CallActivity_SituationLine");

    newActivity(situation, MANY_COMPLAINTS, 6);

    assertThat(situation).hasPassed("EndEvent_SituationRetriaged").isWaitingAt("CallActivity_SituationLine");
    ProcessInstance line = called(LINE, situation);
    assertThat(line.getBusinessKey()).isEqualTo(SITUATION_KEY);
    assertThat(line).variables().containsEntry("level", 2).containsEntry("threadCount", 6L);
    assertThat(posts).isEmpty();
  }

  @Test
  void managementSetsTheLineAndReviewsTheSituationWhenItIsSettled() {
    ProcessInstance situation = situation(MANY_COMPLAINTS);
    assertThat(situation).isWaitingAt("CallActivity_SituationLine");

    finish(LINE, situation);

    assertThat(situation).hasPassed("Gateway_LineDoneInCrisis").hasNotPassed("CallActivity_SituationCrisis");
    reviewed(situation, 75);
    assertThat(posts).containsExactly("resume");
  }

  @Test
  void managementDeclaringTheCrisisPausesThePostsAndCallsTheCrisisTeam() {
    ProcessInstance situation = situation(MANY_COMPLAINTS);
    ProcessInstance line = called(LINE, situation);

    escalate(LINE, situation, "CrisisRequested");
    execute(job("Task_RaiseSituationLevel", situation));

    assertThat(raisedFor).containsExactly("CrisisRequested");
    assertThat(line).isEnded();
    assertThat(situation).isWaitingAt("CallActivity_SituationCrisis", "Task_PauseForCrisis")
        .hasPassed("EndEvent_LineAlreadySet").hasNotPassed("CallActivity_LineInCrisis");
    assertThat(called(CRISIS, situation).getBusinessKey()).isEqualTo(SITUATION_KEY);
    execute(job("Task_PauseForCrisis", situation));
    assertThat(posts).containsExactly("pause");

    finish(CRISIS, situation);

    reviewed(situation, 100);
    assertThat(posts).containsExactly("pause", "resume");
  }

  @Test
  void noLineInTimeCallsTheCrisisTeamAndAsksForTheLineBesideIt() {
    ProcessInstance situation = situation(MANY_COMPLAINTS);
    situations.needsLine = true;

    escalate(LINE, situation, "LineOverdue");
    execute(job("Task_RaiseSituationLevel", situation));

    assertThat(raisedFor).containsExactly("LineOverdue");
    assertThat(situation).isWaitingAt("CallActivity_SituationCrisis", "CallActivity_LineInCrisis");
    assertThat(called(LINE, situation)).variables().containsEntry("level", 3);
    finish(LINE, situation);
    assertThat(situation).hasPassed("EndEvent_LineInCrisisDone").isWaitingAt("CallActivity_SituationCrisis");
  }

  @Test
  void overdueAnswersOfTheCrewStartTheCrisisBesideTheLineAndManagementKeepsFollowingTheSituation() {
    stubEscalatingBeside(LINE, "AnswersOverdue");
    ProcessInstance situation = situation(MANY_COMPLAINTS);
    ProcessInstance line = called(LINE, situation);

    complete(task(BESIDE_CALLED_PROCESS, line));
    execute(job("Task_RaiseLevelBesideLine", situation));

    assertThat(raisedFor).containsExactly("AnswersOverdue");
    assertThat(line).isNotEnded().isWaitingAt(IN_CALLED_PROCESS);
    assertThat(situation).hasPassed("EndEvent_LevelRaisedBesideLine", "BoundaryEvent_SituationLevelRaised",
        "EndEvent_LineAlreadySet").hasNotPassed("Task_RaiseSituationLevel")
        .isWaitingAt("CallActivity_SituationLine", "CallActivity_SituationCrisis", "Task_PauseForCrisis");
  }

  @Test
  void aShitstormWhileManagementSetsTheLineStartsTheCrisisAndLeavesTheLineRunning() {
    ProcessInstance situation = situation(MANY_COMPLAINTS);
    ProcessInstance line = called(LINE, situation);

    newActivity(situation, SHITSTORM, 12);

    assertThat(line).isNotEnded().isWaitingAt(IN_CALLED_PROCESS);
    assertThat(situation).hasPassed("BoundaryEvent_SituationLevelRaised", "EndEvent_LineAlreadySet")
        .hasNotPassed("Task_RaiseSituationLevel")
        .isWaitingAt("CallActivity_SituationLine", "CallActivity_SituationCrisis", "Task_PauseForCrisis");
    execute(job("Task_PauseForCrisis", situation));

    // the line is settled while the crisis runs: the situation is not over yet
    finish(LINE, situation);
    assertThat(situation).hasPassed("EndEvent_CrisisGoesOn").hasNotPassed("Task_ResumeScheduledPosts")
        .isWaitingAt("CallActivity_SituationCrisis");

    finish(CRISIS, situation);
    reviewed(situation, 100);
  }

  @Test
  void aSituationOpeningAsAShitstormStartsTheCrisisAndAsksForALine() {
    situations.needsLine = true;
    ProcessInstance situation = situation(SHITSTORM);

    assertThat(situation).isWaitingAt("CallActivity_SituationCrisis", "CallActivity_LineInCrisis",
        "Task_PauseForCrisis").hasNotPassed("CallActivity_SituationLine");
    assertThat(deadlines(situation.getId())).containsEntry("responseDue", "PT15M")
        .containsEntry("answerWithLineDue", "PT15M");
    execute(job("Task_PauseForCrisis", situation));
    assertThat(posts).containsExactly("pause");

    finish(CRISIS, situation);

    // the crisis is over: posts resume and the review starts, even while management still sets the line
    assertThat(situation).isWaitingAt("CallActivity_LineInCrisis", "Task_ResumeScheduledPosts", "Task_SituationReview");
  }
}
