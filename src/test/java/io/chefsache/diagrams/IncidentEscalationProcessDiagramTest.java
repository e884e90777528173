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
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.chefsache.escalation.IncidentFigures;
import io.chefsache.escalation.IncidentProcess;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/IncidentEscalationProcess.bpmn with the decision tables it calls: triage picks the level of a
 * thread (observe, crew, management, crisis, or the line of its situation), new activity triages it
 * again, a higher level interrupts the running one at once, and an escalation of a level raises the
 * incident by one. The diagram is a ladder: after each raise the deadlines of the new level are
 * determined and the incident goes on to a higher level only. The level diagrams are stubs (see
 * {@link TriagingDiagramTest}).
 */
@Deployment(resources = {"IncidentEscalationProcess.bpmn", "IncidentTriage.dmn", "ResponseDeadlines.dmn",
    "SituationGrouping.dmn"})
class IncidentEscalationProcessDiagramTest extends TriagingDiagramTest {

  static final String CREW = "IncidentLevel1Crew";
  static final String MANAGEMENT = "IncidentLevel2Management";
  static final String CRISIS = "IncidentLevel3Crisis";
  static final String SITUATION_THREAD = "SituationThreadReply";

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = fullCoverage(CREW, MANAGEMENT, CRISIS, SITUATION_THREAD);

  static final IncidentFigures PRAISE = new IncidentFigures(1, 0, 200, 0.8, List.of("praise"), false);
  static final IncidentFigures COMPLAINT = new IncidentFigures(1, 1, 300, -0.4, List.of("delivery"), false);
  static final IncidentFigures PRESS = new IncidentFigures(3, 2, 300, -0.2, List.of("delivery"), true);
  static final IncidentFigures SURGE = new IncidentFigures(40, 25, 300, -0.6, List.of("delivery"), false);
  static final IncidentFigures SHITSTORM = new IncidentFigures(400, 150, 90_000, -0.9, List.of("delivery"), false);
  static final IncidentFigures PRODUCT_SAFETY =
      new IncidentFigures(2, 2, 800, -0.6, List.of("product-safety"), false);

  final JavaDelegate joinSituation = mock(JavaDelegate.class);

  @BeforeEach
  void registerJoinAndStubs() throws Exception {
    Mocks.register("joinSituationDelegate", joinSituation);
    // the thread joins the situation of the story DMN SituationGrouping found, if any
    doAnswer(call -> {
      DelegateExecution thread = call.getArgument(0);
      String storyKey = (String) ((Map<?, ?>) thread.getVariable("grouping")).get("storyKey");
      if (storyKey != null && thread.getVariable("situationKey") == null) {
        thread.setVariable("situationKey", storyKey + "@1");
        thread.setVariable("situationTitle", ((Map<?, ?>) thread.getVariable("grouping")).get("storyName"));
      }
      return null;
    }).when(joinSituation).execute(any());
    stub(CREW, "ResponseOverdue", "EscalationRequested");
    stub(MANAGEMENT, "DecisionOverdue", "CrisisRequested");
    stub(CRISIS);
    stub(SITUATION_THREAD);
  }

  /** a thread's first mention, as IncidentProcess opens it, triaged right after the intake's transaction */
  ProcessInstance incident(IncidentFigures figures) {
    return incident(figures, null);
  }

  /** the first mention of a thread the listening tool filed under a story */
  ProcessInstance incident(IncidentFigures figures, String storyId) {
    ProcessInstance incident = opened(figures, storyId);
    execute(job("StartEvent_MentionReceived", incident));
    execute(job("Task_ApplyTriage", incident));
    return incident;
  }

  /** opened by the intake, not triaged yet */
  ProcessInstance opened(IncidentFigures figures, String storyId) {
    Map<String, Object> variables = new HashMap<>(figures.toVariables());
    variables.put("incidentKey", "x:thread-1");
    variables.put("platform", "x");
    variables.put("threadId", "thread-1");
    variables.put("storyId", storyId);
    variables.put("situationKey", null);
    variables.put("situationTitle", null);
    return runtimeService().startProcessInstanceByKey(IncidentProcess.PROCESS_KEY, "x:thread-1", variables);
  }

  /** new activity in the thread, as IncidentProcess reports it; the re-triage runs in two jobs */
  void newActivity(ProcessInstance incident, IncidentFigures figures) {
    runtimeService().createMessageCorrelation(IncidentProcess.MESSAGE_NEW_ACTIVITY)
        .processInstanceId(incident.getId()).setVariables(figures.toVariables()).correlateWithResult();
    execute(job("Task_RetriageIncident", incident));
    execute(job("Task_ApplyRetriage", incident));
  }

  static Date inFromNow(Duration duration) {
    return Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration));
  }

  @Test
  void praiseIsObservedForHalfAnHourAndClosedAsNoise() throws Exception {
    ProcessInstance incident = incident(PRAISE);

    assertThat(incident).isWaitingAt("Event_ObservationWindowPassed").variables()
        .containsEntry("level", 0).containsEntry("situationKey", null);
    assertThat(job("Event_ObservationWindowPassed", incident).getDuedate())
        .isCloseTo(inFromNow(Duration.ofMinutes(30)), 5_000);
    verify(pinRuleVersions).notify(any());
    verify(joinSituation).execute(any());

    execute(job("Event_ObservationWindowPassed", incident));

    assertThat(incident).hasPassed("EndEvent_ObservationOver", "EndEvent_ClosedAsNoise").isEnded();
    assertThat(incident).hasNotPassed("CallActivity_Crew", "CallActivity_Management", "CallActivity_Crisis");
  }

  @Test
  void moreMentionsWithoutConcernKeepTheIncidentUnderObservation() throws Exception {
    ProcessInstance incident = incident(PRAISE);
    String firstWindow = job("Event_ObservationWindowPassed", incident).getId();

    newActivity(incident, new IncidentFigures(5, 0, 200, 0.6, List.of("praise"), false));

    assertThat(triagedLevels).containsExactly(0, 0);
    assertThat(incident).hasPassed("BoundaryEvent_ObservedNewActivity", "Task_RegroupIntoSituation",
        "EndEvent_Retriaged").hasNotPassed("Task_DetermineDeadlinesAfterObserve")
        .isWaitingAt("Event_ObservationWindowPassed")
        .variables().containsEntry("observedMentionCount", 5L);
    verify(joinSituation, times(2)).execute(any());
    // the observation window starts again with the new mentions
    assertThat(job("Event_ObservationWindowPassed", incident).getId()).isNotEqualTo(firstWindow);
    execute(job("Event_ObservationWindowPassed", incident));
    assertThat(incident).hasPassed("EndEvent_ClosedAsNoise").isEnded();
  }

  @Test
  void aComplaintGoesToTheCrewWhoSettleIt() {
    ProcessInstance incident = incident(COMPLAINT);

    assertThat(incident).isWaitingAt("CallActivity_Crew");
    ProcessInstance crew = called(CREW, incident);
    assertThat(crew.getBusinessKey()).isEqualTo("x:thread-1");
    assertThat(crew).variables().containsEntry("level", 1).containsEntry("incidentKey", "x:thread-1");
    assertThat(deadlines(crew.getId()))
        .containsEntry("responseDue", "PT60M").containsEntry("responseReminder", "PT45M");

    finish(CREW, incident);

    assertThat(incident).hasPassed("EndEvent_Resolved").isEnded();
    assertThat(incident).hasNotPassed("Task_PostIncidentReview");
  }

  @Test
  void anObservedIncidentTurningNegativeGoesToTheCrewAtOnce() {
    ProcessInstance incident = incident(PRAISE);

    newActivity(incident, new IncidentFigures(2, 1, 200, -0.4, List.of("delivery"), false));

    assertThat(incident).hasPassed("BoundaryEvent_ObservedLevelRaised", "Task_DetermineDeadlinesAfterObserve")
        .isWaitingAt("CallActivity_Crew");
    assertThat(called(CREW, incident)).variables().containsEntry("level", 1);
    assertThat(deadlines(incident.getId())).containsEntry("responseDue", "PT60M");
    // still on its own below level 2: the re-triage looks for a story again
    assertThat(incident).hasPassed("Task_RegroupIntoSituation", "Task_RejoinSituation", "EndEvent_Retriaged");
  }

  @Test
  void anObservedIncidentSurgingGoesToManagementAtOnce() {
    ProcessInstance incident = incident(PRAISE);

    newActivity(incident, SURGE);

    assertThat(incident).hasPassed("BoundaryEvent_ObservedLevelRaised", "Task_DetermineDeadlinesAfterObserve")
        .hasNotPassed("CallActivity_Crew").isWaitingAt("CallActivity_Management");
    assertThat(called(MANAGEMENT, incident)).variables().containsEntry("level", 2);
    assertThat(deadlines(incident.getId())).containsEntry("responseDue", "PT30M");
  }

  @Test
  void anObservedIncidentTurningIntoAShitstormCallsTheCrisisTeamAtOnce() {
    ProcessInstance incident = incident(PRAISE);

    newActivity(incident, SHITSTORM);

    assertThat(incident).hasPassed("BoundaryEvent_ObservedLevelRaised").isWaitingAt("CallActivity_Crisis");
    assertThat(deadlines(called(CRISIS, incident).getId())).containsEntry("responseDue", "PT15M");
  }

  @Test
  void anObservedThreadOfAStorySurgingIsAnsweredWithTheSituationsLine() {
    ProcessInstance incident = incident(PRAISE, "rueckruf");
    assertThat(incident).isWaitingAt("Event_ObservationWindowPassed").variables()
        .containsEntry("situationKey", "story-rueckruf@1");

    newActivity(incident, SURGE);

    assertThat(incident).hasPassed("BoundaryEvent_ObservedLevelRaised").hasNotPassed("CallActivity_Management")
        .isWaitingAt("CallActivity_SituationThread");
    assertThat(called(SITUATION_THREAD, incident)).variables().containsEntry("level", 2);
  }

  @Test
  void theCrewMissingItsDeadlineTakesTheIncidentToManagement() {
    ProcessInstance incident = incident(COMPLAINT);

    escalate(CREW, incident, "ResponseOverdue");
    execute(job("Task_RaiseLevelAfterCrew", incident));

    assertThat(raisedFor).containsExactly("ResponseOverdue");
    assertThat(incident).hasPassed("BoundaryEvent_CrewEscalated", "Task_DetermineDeadlinesAfterCrew")
        .isWaitingAt("CallActivity_Management");
    assertThat(called(MANAGEMENT, incident)).variables().containsEntry("level", 2);
    assertThat(deadlines(incident.getId()))
        .containsEntry("responseDue", "PT30M");

    finish(MANAGEMENT, incident);

    assertThat(incident).isWaitingAt("Task_PostIncidentReview");
    assertThat(task(incident)).hasCandidateGroup("management");
    assertThat(task(incident).getPriority()).isEqualTo(75);
    verify(dueDates).after("P3D");
    complete(task(incident));
    assertThat(incident).hasPassed("EndEvent_Reviewed").isEnded();
  }

  @Test
  void aSurgeWhileTheCrewWorksTakesTheIncidentToManagementAtOnce() {
    ProcessInstance incident = incident(COMPLAINT);
    ProcessInstance crew = called(CREW, incident);

    newActivity(incident, SURGE);

    assertThat(crew).isEnded();
    assertThat(incident).hasPassed("BoundaryEvent_CrewLevelRaised").hasNotPassed("Task_RaiseLevelAfterCrew")
        .isWaitingAt("CallActivity_Management");
    // below level 2 until this mention: the thread looked for its story first, and found none
    assertThat(incident).hasPassed("Task_RegroupIntoSituation", "Task_RejoinSituation");
  }

  @Test
  void aThreadOfTheCrewThatANewMentionMakesPartOfAStoryGoesToTheSituationsLineNotToItsOwnDirectLine() {
    ProcessInstance incident = incident(COMPLAINT);
    assertThat(incident).isWaitingAt("CallActivity_Crew").variables().containsEntry("situationKey", null);

    newActivity(incident, PRODUCT_SAFETY);

    assertThat(incident).hasPassed("Task_RegroupIntoSituation", "Task_RejoinSituation", "BoundaryEvent_CrewLevelRaised")
        .hasNotPassed("CallActivity_Management").isWaitingAt("CallActivity_SituationThread")
        .variables().containsEntry("level", 2).containsEntry("situationKey", "product-safety@1");
  }

  @Test
  void aNewMentionBeforeTheFirstTriageLooksForTheStoryLikeAThreadBelowLevel2() {
    ProcessInstance incident = opened(COMPLAINT, null);

    runtimeService().createMessageCorrelation(IncidentProcess.MESSAGE_NEW_ACTIVITY)
        .processInstanceId(incident.getId()).setVariables(PRODUCT_SAFETY.toVariables()).correlateWithResult();
    execute(job("Task_RetriageIncident", incident));

    assertThat(incident).hasPassed("Task_RegroupIntoSituation", "Task_RejoinSituation")
        .isWaitingAt("Task_ApplyRetriage", "StartEvent_MentionReceived");
  }

  @Test
  void aThreadAlreadyHandledAloneAtLevel2StaysTheIncidentItIs() {
    ProcessInstance incident = incident(SURGE);
    assertThat(incident).isWaitingAt("CallActivity_Management");

    newActivity(incident, PRODUCT_SAFETY);

    assertThat(incident).hasNotPassed("Task_RegroupIntoSituation").hasPassed("EndEvent_Retriaged")
        .isWaitingAt("CallActivity_Management");
  }

  @Test
  void aShitstormWhileTheCrewWorksCallsTheCrisisTeamAtOnce() {
    ProcessInstance incident = incident(COMPLAINT);

    newActivity(incident, SHITSTORM);

    assertThat(incident).hasPassed("BoundaryEvent_CrewLevelRaised", "Task_DetermineDeadlinesAfterCrew")
        .hasNotPassed("CallActivity_Management").isWaitingAt("CallActivity_Crisis");
    assertThat(deadlines(called(CRISIS, incident).getId())).containsEntry("responseDue", "PT15M");
  }

  @Test
  void theCrewOfAThreadInASituationAskingForEscalationHandsItToTheSituationsLine() {
    ProcessInstance incident =
        incident(new IncidentFigures(1, 1, 300, -0.4, List.of("customer-service"), false), "rueckruf");
    assertThat(incident).isWaitingAt("CallActivity_Crew").variables().containsEntry("situationKey", "story-rueckruf@1");

    escalate(CREW, incident, "EscalationRequested");
    execute(job("Task_RaiseLevelAfterCrew", incident));

    assertThat(raisedFor).containsExactly("EscalationRequested");
    assertThat(incident).hasNotPassed("CallActivity_Management").isWaitingAt("CallActivity_SituationThread");
    assertThat(called(SITUATION_THREAD, incident)).variables().containsEntry("level", 2);
  }

  @Test
  void managementDeclaringTheCrisisCallsTheCrisisTeam() {
    ProcessInstance incident = incident(PRESS);
    assertThat(incident).isWaitingAt("CallActivity_Management");

    escalate(MANAGEMENT, incident, "CrisisRequested");
    execute(job("Task_RaiseLevelAfterManagement", incident));

    assertThat(raisedFor).containsExactly("CrisisRequested");
    assertThat(incident).hasPassed("BoundaryEvent_ManagementEscalated", "Task_DetermineDeadlinesAfterManagement")
        .isWaitingAt("CallActivity_Crisis");
    assertThat(deadlines(called(CRISIS, incident).getId()))
        .containsEntry("responseDue", "PT15M").containsEntry("statusUpdateCycle", "R/PT60M");

    finish(CRISIS, incident);

    assertThat(task(incident).getPriority()).isEqualTo(100);
    complete(task("Task_PostIncidentReview", incident));
    assertThat(incident).hasPassed("EndEvent_Reviewed").isEnded();
  }

  @Test
  void aShitstormWhileManagementDecidesCallsTheCrisisTeamAtOnce() {
    ProcessInstance incident = incident(PRESS);
    ProcessInstance management = called(MANAGEMENT, incident);

    newActivity(incident, SHITSTORM);

    assertThat(management).isEnded();
    assertThat(incident).hasPassed("BoundaryEvent_ManagementLevelRaised", "Task_DetermineDeadlinesAfterManagement")
        .hasNotPassed("Task_RaiseLevelAfterManagement").isWaitingAt("CallActivity_Crisis");
    assertThat(called(CRISIS, incident)).variables().containsEntry("level", 3);
  }

  @Test
  void aShitstormFromTheStartGoesStraightToTheCrisisTeam() {
    ProcessInstance incident = incident(SHITSTORM);

    assertThat(incident).isWaitingAt("CallActivity_Crisis").hasNotPassed("CallActivity_Management");
    assertThat(triagedLevels).containsExactly(3);
  }

  @Test
  void aThreadOfASituationOnLevel2IsAnsweredWithTheSituationsLine() {
    ProcessInstance incident = incident(PRODUCT_SAFETY);

    // one line for the whole story instead of a management decision per thread
    assertThat(incident).isWaitingAt("CallActivity_SituationThread").hasNotPassed("CallActivity_Management")
        .variables().containsEntry("level", 2).containsEntry("situationKey", "product-safety@1");
    assertThat(called(SITUATION_THREAD, incident).getBusinessKey()).isEqualTo("x:thread-1");

    finish(SITUATION_THREAD, incident);

    assertThat(incident).hasPassed("EndEvent_AnsweredInSituation").isEnded();
  }

  @Test
  void newActivityInAThreadOfASituationLeavesItInItsSituation() throws Exception {
    ProcessInstance incident =
        incident(new IncidentFigures(1, 1, 300, -0.4, List.of("customer-service"), false), "rueckruf");
    assertThat(incident).isWaitingAt("CallActivity_Crew").variables().containsEntry("situationKey", "story-rueckruf@1");

    newActivity(incident, new IncidentFigures(2, 2, 300, -0.4, List.of("customer-service"), false));

    assertThat(incident).hasPassed("EndEvent_Retriaged").hasNotPassed("Task_RegroupIntoSituation")
        .isWaitingAt("CallActivity_Crew");
    verify(joinSituation, times(1)).execute(any());
  }
}
