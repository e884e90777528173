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
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
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
 * bpmn/SituationThreadReply.bpmn on its own: the crew answers a thread of a level-2 situation with
 * the management's line; a reply departing from the line needs management's approval.
 */
@Deployment(resources = "SituationThreadReply.bpmn")
class SituationThreadReplyDiagramTest extends DiagramTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = fullCoverage();

  final TaskListener lineForThread = mock(TaskListener.class);
  final TaskListener answerWithLineCheck = mock(TaskListener.class);
  final TaskListener departureDecisionCheck = mock(TaskListener.class);
  final JavaDelegate publishReply = mock(JavaDelegate.class);
  /** what {@code publishReplyDelegate} was asked to publish, one entry per call */
  final List<String> published = new ArrayList<>();

  @BeforeEach
  void registerDelegates() throws Exception {
    Mocks.register("lineForThreadListener", lineForThread);
    Mocks.register("answerWithLineCheck", answerWithLineCheck);
    Mocks.register("departureDecisionCheck", departureDecisionCheck);
    Mocks.register("publishReplyDelegate", publishReply);
    Mocks.register("outboundRetryCycle", "R3/PT5M");
    doAnswer(call -> {
      published.add((String) call.<DelegateExecution>getArgument(0).getVariableLocal("publishText"));
      return null;
    }).when(publishReply).execute(any());
  }

  ProcessInstance threadInSituation() {
    return runtimeService().startProcessInstanceByKey("SituationThreadReply", "incident-7",
        Map.of("incidentKey", "incident-7", "situationKey", "situation-1", "situationTitle", "Rückruf Charge 42",
            "level", 2));
  }

  @Test
  void theCrewAnswersWithinTheLineAndTheReplyIsPublished() throws Exception {
    ProcessInstance thread = threadInSituation();

    assertThat(thread).isWaitingAt("Task_AnswerWithLine");
    assertThat(task(thread)).hasCandidateGroup("social-media-crew").hasName("Mit der Linie antworten: Rückruf Charge 42");
    assertThat(task(thread).getPriority()).isEqualTo(75);
    verify(lineForThread).notify(any());

    complete(task(thread), withVariables("threadAnswer", "withLine", "replyText", "Wir prüfen das und melden uns."));
    verify(answerWithLineCheck).notify(any());

    // published asynchronously, so that a platform outage is retried instead of failing the crew's completion
    assertThat(thread).isWaitingAt("Task_PublishThreadReply");
    execute(job(thread));

    assertThat(published).containsExactly("Wir prüfen das und melden uns.");
    assertThat(thread).hasPassedInOrder("Task_AnswerWithLine", "Gateway_ThreadAnswer", "Gateway_MergePublish",
        "Task_PublishThreadReply", "EndEvent_ThreadAnswered").isEnded();
  }

  @Test
  void theCrewDecidesTheThreadNeedsNoReply() throws Exception {
    ProcessInstance thread = threadInSituation();

    complete(task(thread), withVariables("threadAnswer", "noReply"));

    verify(publishReply, never()).execute(any());
    assertThat(thread).hasPassed("EndEvent_NoReply").hasNotPassed("Task_PublishThreadReply").isEnded();
  }

  @Test
  void aReplyDepartingFromTheLineIsRewrittenByManagementAndTheRewritePublished() throws Exception {
    ProcessInstance thread = threadInSituation();
    complete(task(thread), withVariables("threadAnswer", "departs", "replyText", "Das war ein Fehler von uns."));

    assertThat(thread).isWaitingAt("Task_ApproveDeparture");
    assertThat(task(thread)).hasCandidateGroup("management")
        .hasName("Antwort jenseits der Linie freigeben: Rückruf Charge 42");
    complete(task(thread), withVariables("departureDecision", "rewrite", "decisionReason", "zu weitgehend",
        "rewrittenReply", "Wir klären das gerade."));
    verify(departureDecisionCheck).notify(any());

    execute(job(thread));
    assertThat(published).containsExactly("Wir klären das gerade.");
    assertThat(thread).hasPassedInOrder("Task_ApproveDeparture", "Gateway_DepartureDecision", "Gateway_MergePublish",
        "Task_PublishThreadReply").hasPassed("EndEvent_ThreadAnswered").isEnded();
  }

  @Test
  void managementApprovesADepartingReplyAsWritten() throws Exception {
    ProcessInstance thread = threadInSituation();
    complete(task(thread), withVariables("threadAnswer", "departs", "replyText", "Das war ein Fehler von uns."));
    complete(task(thread), withVariables("departureDecision", "approve", "decisionReason", "passt"));

    execute(job(thread));
    assertThat(published).containsExactly("Das war ein Fehler von uns.");
    assertThat(thread).isEnded();
  }

  @Test
  void managementSendsADepartingReplyBackToTheCrew() throws Exception {
    ProcessInstance thread = threadInSituation();
    complete(task(thread), withVariables("threadAnswer", "departs", "replyText", "Das war ein Fehler von uns."));
    complete(task(thread), withVariables("departureDecision", "sendBack", "decisionReason", "bitte bei der Linie bleiben"));

    assertThat(thread).isWaitingAt("Task_AnswerWithLine");
    verify(lineForThread, times(2)).notify(any());
    verify(publishReply, never()).execute(any());

    complete(task(thread), withVariables("threadAnswer", "withLine", "replyText", "Wir prüfen das."));
    execute(job(thread));
    assertThat(published).containsExactly("Wir prüfen das.");
    assertThat(thread).isEnded();
  }

  @Test
  void answerAllOpenThreadsWithTheLinePublishesWithoutAnyoneCompletingTheTask() throws Exception {
    ProcessInstance thread = threadInSituation();

    // what Situations does for "Alle offenen Threads mit der Linie beantworten"
    runtimeService().createMessageCorrelation("AnswerAllWithLine").processInstanceId(thread.getId())
        .setVariable("replyText", "Die Linie.").setVariable("threadAnswer", "withLine")
        .setVariable("answeredBy", "anna").correlateWithResult();

    verify(answerWithLineCheck, never()).notify(any());
    assertThat(thread).hasPassed("BoundaryEvent_AnswerAllWithLine").isWaitingAt("Task_PublishThreadReply");
    execute(job(thread));
    assertThat(published).containsExactly("Die Linie.");
    assertThat(thread).hasPassed("EndEvent_ThreadAnswered").isEnded();
  }

  @Test
  void aReplyThePlatformRejectsGoesBackToTheCrewWithTheReason() throws Exception {
    doThrow(new BpmnError("PlatformRejected", "Beitrag gelöscht")).when(publishReply).execute(any());
    ProcessInstance thread = threadInSituation();
    complete(task(thread), withVariables("threadAnswer", "withLine", "replyText", "Wir prüfen das."));

    execute(job(thread));

    assertThat(thread).hasPassed("BoundaryEvent_ThreadReplyRejected").isWaitingAt("Task_AnswerWithLine")
        .variables().containsEntry("platformRejection", "Beitrag gelöscht");
    verify(lineForThread, times(2)).notify(any());
  }
}
