package io.chefsache.diagrams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.chefsache.escalation.DueDates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/SituationLevel2Line.bpmn on its own: management (or, when overdue, a deputy) sets the line
 * for a situation's threads, scheduled posts are paused or kept, management follows the situation
 * and the crew's answers with the line fall due.
 */
@Deployment(resources = "SituationLevel2Line.bpmn")
class SituationLevel2LineDiagramTest extends DiagramTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = fullCoverage();

  /** stands in for the {@code situations} bean: whether the situation's crisis (level 3) already runs */
  public static class CrisisState {
    boolean inCrisis;

    public boolean inCrisis(String situationKey) {
      return inCrisis;
    }
  }

  final TaskListener situationLineCheck = mock(TaskListener.class);
  final TaskListener situationDecisionCheck = mock(TaskListener.class);
  final JavaDelegate notifyGroup = mock(JavaDelegate.class);
  final JavaDelegate handLineToThreads = mock(JavaDelegate.class);
  final JavaDelegate freezeScheduledPosts = mock(JavaDelegate.class);
  final JavaDelegate checkCrewAnswers = mock(JavaDelegate.class);
  final DueDates dueDates = mock(DueDates.class);
  final CrisisState situations = new CrisisState();
  final List<String> notified = new ArrayList<>();
  final List<Object> frozen = new ArrayList<>();
  int overdueThreads;

  @BeforeEach
  void registerDelegates() throws Exception {
    Mocks.register("situationLineCheck", situationLineCheck);
    Mocks.register("situationDecisionCheck", situationDecisionCheck);
    Mocks.register("notifyGroupDelegate", notifyGroup);
    Mocks.register("handLineToThreadsDelegate", handLineToThreads);
    Mocks.register("freezeScheduledPostsDelegate", freezeScheduledPosts);
    Mocks.register("checkCrewAnswersDelegate", checkCrewAnswers);
    Mocks.register("dueDates", dueDates);
    Mocks.register("situations", situations);
    Mocks.register("outboundRetryCycle", "R3/PT5M");
    when(dueDates.after(anyString()))
        .thenAnswer(call -> Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.parse(call.getArgument(0)))));
    doAnswer(call -> {
      DelegateExecution execution = call.getArgument(0);
      notified.add(execution.getVariableLocal("notifyGroup") + ":" + execution.getVariableLocal("notifyEvent"));
      return null;
    }).when(notifyGroup).execute(any());
    doAnswer(call -> {
      frozen.add(call.<DelegateExecution>getArgument(0).getVariableLocal("freeze"));
      return null;
    }).when(freezeScheduledPosts).execute(any());
    doAnswer(call -> {
      call.<DelegateExecution>getArgument(0).setVariable("overdueThreads", overdueThreads);
      return null;
    }).when(checkCrewAnswers).execute(any());
  }

  /** started by SituationProcess on level 2; management is notified asynchronously */
  ProcessInstance situationOnLevel2() {
    ProcessInstance situation = runtimeService().startProcessInstanceByKey("SituationLevel2Line", "situation-1",
        Map.of("situationKey", "situation-1", "situationTitle", "Rückruf Charge 42", "level", 2,
            "deadlines", Map.of("responseDue", "PT1H", "answerWithLineDue", "PT30M")));
    execute(job("Task_NotifyManagementOfSituation", situation));
    assertThat(notified).containsExactly("management:situation-level-2");
    assertThat(situation).isWaitingAt("Task_SetLine");
    return situation;
  }

  /** the line is set (by management or the deputy) and handed to every thread */
  void lineSet(ProcessInstance situation, String task, boolean pausePosts) throws Exception {
    complete(task(task, situation), withVariables("line", "Wir prüfen und melden uns.", "pausePosts", pausePosts));
    execute(job("Task_HandLineToThreads", situation));
    verify(handLineToThreads).execute(any());
  }

  @Test
  void managementSetsTheLineKeepsThePostsAndSettlesTheSituation() throws Exception {
    ProcessInstance situation = situationOnLevel2();
    assertThat(task(situation)).hasCandidateGroup("management").hasName("Linie festlegen: Rückruf Charge 42");
    assertThat(task(situation).getPriority()).isEqualTo(75);

    lineSet(situation, "Task_SetLine", false);
    verify(situationLineCheck).notify(any());

    assertThat(situation).hasPassed("EndEvent_PostsKept").isWaitingAt("Task_FollowSituation");
    complete(task("Task_FollowSituation", situation), withVariables("situationDecision", "settled"));
    verify(situationDecisionCheck).notify(any());
    verify(freezeScheduledPosts, never()).execute(any());
    assertThat(situation).hasPassed("EndEvent_SituationSettled").isEnded();
  }

  @Test
  void managementPausesThePostsAndDeclaresACrisis() throws Exception {
    ProcessInstance situation = situationOnLevel2();
    lineSet(situation, "Task_SetLine", true);

    execute(job("Task_PauseScheduledPosts", situation));
    assertThat(frozen).containsExactly("pause");
    complete(task("Task_FollowSituation", situation), withVariables("situationDecision", "crisis"));

    // the escalation end event: SituationProcess catches it and raises the situation to level 3
    assertThat(situation).hasPassed("EndEvent_PostsPaused", "EndEvent_CrisisRequested").isEnded();
  }

  @Test
  void aCrisisDeclaredWhileOneAlreadyRunsEndsQuietly() throws Exception {
    ProcessInstance situation = situationOnLevel2();
    lineSet(situation, "Task_SetLine", false);
    situations.inCrisis = true;

    complete(task("Task_FollowSituation", situation), withVariables("situationDecision", "crisis"));

    assertThat(situation).hasPassed("EndEvent_CrisisAlreadyRuns").hasNotPassed("EndEvent_CrisisRequested").isEnded();
  }

  @Test
  void managementSetsANewLine() throws Exception {
    ProcessInstance situation = situationOnLevel2();
    lineSet(situation, "Task_SetLine", false);

    complete(task("Task_FollowSituation", situation), withVariables("situationDecision", "newLine"));
    assertThat(situation).isWaitingAt("Task_SetLine");
    complete(task("Task_SetLine", situation), withVariables("line", "Neue Linie.", "pausePosts", false));
    execute(job("Task_HandLineToThreads", situation));

    verify(handLineToThreads, times(2)).execute(any());
    complete(task("Task_FollowSituation", situation), withVariables("situationDecision", "settled"));
    assertThat(situation).isEnded();
  }

  @Test
  void anOverdueLineGoesToTheDeputy() throws Exception {
    ProcessInstance situation = situationOnLevel2();

    execute(job("BoundaryEvent_LineOverdue", situation));
    execute(job("Task_NotifyDeputy", situation));

    assertThat(notified).containsExactly("management:situation-level-2", "crisis-approvers:line-overdue");
    assertThat(situation).isWaitingAt("Task_SetLineAsDeputy").isNotWaitingAt("Task_SetLine");
    assertThat(task(situation)).hasCandidateGroup("crisis-approvers");
    assertThat(task(situation).getPriority()).isEqualTo(100);

    lineSet(situation, "Task_SetLineAsDeputy", false);
    assertThat(situation).isWaitingAt("Task_FollowSituation");
  }

  @Test
  void noLineFromTheDeputyEitherEscalates() throws Exception {
    ProcessInstance situation = situationOnLevel2();
    execute(job("BoundaryEvent_LineOverdue", situation));
    execute(job("Task_NotifyDeputy", situation));

    execute(job("BoundaryEvent_DeputyLineOverdue", situation));

    assertThat(situation).hasPassed("EndEvent_LineOverdue").isEnded();
  }

  @Test
  void noLineFromTheDeputyWhileTheCrisisRunsLeavesItToTheCrisisTeam() {
    ProcessInstance situation = situationOnLevel2();
    execute(job("BoundaryEvent_LineOverdue", situation));
    execute(job("Task_NotifyDeputy", situation));
    situations.inCrisis = true;

    execute(job("BoundaryEvent_DeputyLineOverdue", situation));

    assertThat(situation).hasPassed("EndEvent_NoLineInCrisis").hasNotPassed("EndEvent_LineOverdue").isEnded();
  }

  @Test
  void theCrewAnsweredEveryThreadInTime() throws Exception {
    ProcessInstance situation = situationOnLevel2();
    lineSet(situation, "Task_SetLine", false);
    overdueThreads = 0;

    execute(job("BoundaryEvent_AnswersDue", situation));
    execute(job("Task_CheckCrewAnswers", situation));

    assertThat(situation).hasPassed("EndEvent_AnswersInTime").isWaitingAt("Task_FollowSituation");
  }

  @Test
  void unansweredThreadsEscalate() throws Exception {
    ProcessInstance situation = situationOnLevel2();
    lineSet(situation, "Task_SetLine", false);
    overdueThreads = 2;

    execute(job("BoundaryEvent_AnswersDue", situation));
    execute(job("Task_CheckCrewAnswers", situation));

    assertThat(situation).hasPassed("EndEvent_AnswersOverdue").isWaitingAt("Task_FollowSituation");
  }

  @Test
  void unansweredThreadsDuringTheCrisisDoNotEscalateAgain() throws Exception {
    ProcessInstance situation = situationOnLevel2();
    lineSet(situation, "Task_SetLine", false);
    overdueThreads = 2;
    situations.inCrisis = true;

    execute(job("BoundaryEvent_AnswersDue", situation));
    execute(job("Task_CheckCrewAnswers", situation));

    assertThat(situation).hasPassed("EndEvent_AnswersOverdueInCrisis").hasNotPassed("EndEvent_AnswersOverdue");
  }
}
