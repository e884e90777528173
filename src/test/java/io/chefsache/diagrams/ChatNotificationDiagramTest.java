package io.chefsache.diagrams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** bpmn/ChatNotification.bpmn on its own: a post to a group's chat beside the incident. */
@Deployment(resources = "ChatNotification.bpmn")
class ChatNotificationDiagramTest extends DiagramTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = fullCoverage();

  final JavaDelegate postToChat = mock(JavaDelegate.class);

  @BeforeEach
  void registerDelegates() {
    Mocks.register("postToChatDelegate", postToChat);
    Mocks.register("outboundRetryCycle", "R2/PT5M");
  }

  ProcessInstance notifyGroup() {
    return runtimeService().startProcessInstanceByKey("ChatNotification", "incident-1",
        Map.of("incidentKey", "incident-1", "notifyGroup", "management", "notifyEvent", "raised"));
  }

  @Test
  void theGroupIsNotifiedInItsChatOutsideTheCallersTransaction() throws Exception {
    Map<String, Object> seen = new HashMap<>();
    doAnswer(call -> {
      seen.putAll(call.<DelegateExecution>getArgument(0).getVariables());
      return null;
    }).when(postToChat).execute(any());
    ProcessInstance notification = notifyGroup();

    // asynchronous before the post: starting the notification never calls the chat
    assertThat(notification).isWaitingAt("Task_PostToChat");
    verify(postToChat, times(0)).execute(any());

    execute(job());

    verify(postToChat).execute(any());
    assertThat(seen).containsEntry("notifyGroup", "management").containsEntry("notifyEvent", "raised");
    assertThat(notification).hasPassedInOrder("StartEvent_NotificationRequested", "Task_PostToChat", "EndEvent_Notified")
        .isEnded();
  }

  @Test
  void aChatOutageIsRetriedInTheConfiguredRhythmAndThenBecomesAnIncident() throws Exception {
    doThrow(new IllegalStateException("chat down")).when(postToChat).execute(any());
    ProcessInstance notification = notifyGroup();

    int attempts = 0;
    Job post = job(notification);
    while (post.getRetries() > 0 && attempts < 10) {
      attempts++;
      try {
        managementService().executeJob(post.getId());
      } catch (IllegalStateException expected) {
        // the engine records the failure on the job
      }
      post = job(notification);
    }

    // R2/PT5M: two attempts in all, then the post waits as an incident
    assertThat(attempts).isEqualTo(2);
    verify(postToChat, times(2)).execute(any());
    assertThat(post.getRetries()).isZero();
    assertThat(runtimeService().createIncidentQuery().processInstanceId(notification.getId()).count()).isEqualTo(1);
    assertThat(notification).isWaitingAt("Task_PostToChat").isNotEnded();

    // the chat is back: an operator retries the job in Cockpit and the group is notified
    org.mockito.Mockito.reset(postToChat);
    managementService().setJobRetries(post.getId(), 1);
    execute(job(notification));
    assertThat(notification).hasPassed("EndEvent_Notified").isEnded();
  }
}
