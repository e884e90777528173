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
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/IncidentLevel1Crew.bpmn on its own: the social media crew answers a mention within the
 * level-1 deadline (reply, hide as spam, close, ask for escalation); a missed deadline escalates.
 */
@Deployment(resources = "IncidentLevel1Crew.bpmn")
class IncidentLevel1CrewDiagramTest extends LevelDiagramTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = fullCoverage();

  final TaskListener replyTemplate = mock(TaskListener.class);
  final TaskListener crewDecisionCheck = mock(TaskListener.class);
  final JavaDelegate hideMention = mock(JavaDelegate.class);

  @BeforeEach
  void registerListeners() {
    Mocks.register("replyTemplateListener", replyTemplate);
    Mocks.register("crewDecisionCheck", crewDecisionCheck);
    Mocks.register("hideMentionDelegate", hideMention);
  }

  /** as IncidentEscalationProcess calls it, with the level-1 row of DMN ResponseDeadlines */
  ProcessInstance incidentOnLevel1() {
    return runtimeService().startProcessInstanceByKey("IncidentLevel1Crew", "incident-3",
        Map.of("incidentKey", "incident-3", "level", 1,
            "deadlines", Map.of("responseDue", "PT4H", "responseReminder", "PT2H")));
  }

  @Test
  void theCrewRepliesPubliclyWithinTheDeadline() throws Exception {
    ProcessInstance incident = incidentOnLevel1();

    assertThat(incident).isWaitingAt("Task_RespondToMention");
    assertThat(task(incident)).hasCandidateGroup("social-media-crew");
    assertThat(task(incident).getPriority()).isEqualTo(50);
    assertThat(task(incident).getDueDate()).isNotNull();
    verify(dueDates).after("PT4H");
    verify(replyTemplate).notify(any());

    complete(task(incident), withVariables("crewDecision", "reply", "replyText", "Danke, wir kümmern uns."));
    verify(crewDecisionCheck).notify(any());
    assertThat(incident).isWaitingAt("Task_PublishReply");
    execute(job("Task_PublishReply", incident));

    assertThat(published).containsExactly("Danke, wir kümmern uns.");
    assertThat(incident).hasPassed("EndEvent_Replied").isEnded();
  }

  @Test
  void theCrewHidesTheMentionAsSpam() throws Exception {
    ProcessInstance incident = incidentOnLevel1();
    complete(task(incident), withVariables("crewDecision", "hideSpam"));

    execute(job("Task_HideMention", incident));

    verify(hideMention).execute(any());
    verify(publishReply, never()).execute(any());
    assertThat(incident).hasPassed("EndEvent_Hidden").isEnded();
  }

  @Test
  void theCrewClosesTheIncidentWithoutReply() throws Exception {
    ProcessInstance incident = incidentOnLevel1();
    complete(task(incident), withVariables("crewDecision", "close"));

    assertThat(incident).hasPassed("EndEvent_ClosedWithoutReply").isEnded();
    verify(publishReply, never()).execute(any());
  }

  @Test
  void theCrewAsksForEscalation() {
    ProcessInstance incident = incidentOnLevel1();
    complete(task(incident), withVariables("crewDecision", "escalate"));

    // the escalation end event: IncidentEscalationProcess catches it on the call activity
    assertThat(incident).hasPassed("EndEvent_EscalationRequested").isEnded();
  }

  @Test
  void aReplyThePlatformRejectsGoesBackToTheCrew() throws Exception {
    doThrow(new BpmnError("PlatformRejected", "Kommentar gelöscht")).when(publishReply).execute(any());
    ProcessInstance incident = incidentOnLevel1();
    complete(task(incident), withVariables("crewDecision", "reply", "replyText", "Danke."));

    execute(job("Task_PublishReply", incident));

    assertThat(incident).hasPassed("BoundaryEvent_ReplyRejected").isWaitingAt("Task_RespondToMention")
        .variables().containsEntry("platformRejection", "Kommentar gelöscht");
    verify(replyTemplate, times(2)).notify(any());
  }

  @Test
  void hidingThePlatformRejectsGoesBackToTheCrew() throws Exception {
    doThrow(new BpmnError("PlatformRejected", "nicht erlaubt")).when(hideMention).execute(any());
    ProcessInstance incident = incidentOnLevel1();
    complete(task(incident), withVariables("crewDecision", "hideSpam"));

    execute(job("Task_HideMention", incident));

    assertThat(incident).hasPassed("BoundaryEvent_HideRejected").isWaitingAt("Task_RespondToMention")
        .variables().containsEntry("platformRejection", "nicht erlaubt");
  }

  @Test
  void theCrewIsRemindedWhileTheTaskStaysOpen() throws Exception {
    ProcessInstance incident = incidentOnLevel1();

    execute(job("BoundaryEvent_ResponseReminder", incident));
    assertThat(incident).isWaitingAt("Task_RespondToMention", "Task_RemindCrew");
    execute(job("Task_RemindCrew", incident));

    assertThat(notified).containsExactly("social-media-crew:response-reminder");
    assertThat(incident).hasPassed("EndEvent_CrewReminded").isWaitingAt("Task_RespondToMention");

    complete(task(incident), withVariables("crewDecision", "close"));
    assertThat(incident).isEnded();
  }

  @Test
  void aMissedDeadlineEscalates() {
    ProcessInstance incident = incidentOnLevel1();

    execute(job("BoundaryEvent_ResponseOverdue", incident));

    assertThat(incident).hasPassed("EndEvent_ResponseOverdue").hasNotPassed("Gateway_CrewDecision").isEnded();
  }
}
