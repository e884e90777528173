package io.chefsache.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chefsache.notify.OutboundAction;
import io.chefsache.notify.OutboundActions;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * The demo as {@code mvn spring-boot:run} starts it, on a fixed free port: its replies and
 * notifications reach the stub built into the demo over real HTTP, with no network beyond localhost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true", "chefsache.demo.sample-incidents=true"})
@ActiveProfiles("demo")
@AutoConfigureObservability
class DemoOfflineIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboundActions outbound;

  @DynamicPropertySource
  static void freePortAndPrivateDatabase(DynamicPropertyRegistry registry) {
    int port = TestSocketUtils.findAvailableTcpPort();
    registry.add("server.port", () -> port);
    registry.add("management.server.port", () -> 0);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:demo-offline;DB_CLOSE_DELAY=-1");
  }

  @Test
  void theSampleIncidentsNotifyAndPublishThroughTheBuiltInStub() {
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(outbound.actionsOf("x:demo-shitstorm"))
        .extracting(OutboundAction::kind, OutboundAction::target, OutboundAction::status)
        .contains(org.assertj.core.groups.Tuple.tuple(OutboundAction.Kind.NOTIFY, "crisis-team",
            OutboundAction.Status.SENT)));

    Task respond = await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey("linkedin:demo-opening-hours").taskDefinitionKey("Task_RespondToMention")
        .singleResult(), task -> task != null);
    engine.getTaskService().complete(respond.getId(),
        Map.of("crewDecision", "reply", "replyTemplate", "", "replyText", "Ja, samstags 10 bis 16 Uhr."));

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(outbound.actionsOf("linkedin:demo-opening-hours"))
        .singleElement().satisfies(reply -> {
          assertThat(reply.kind()).isEqualTo(OutboundAction.Kind.REPLY);
          assertThat(reply.status()).isEqualTo(OutboundAction.Status.SENT);
          assertThat(reply.platformRef()).matches("[0-9a-f-]{36}");
        }));
  }
}
