package io.chefsache.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.chefsache.security.Roles;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.IncidentDriver;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The record names who acted as the engine authenticated them: a crew member who completes a task a
 * colleague claimed, a manager who decides without claiming.
 */
@ChefsacheTest
class TimelineActorTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentDriver driver;
  @Autowired
  IncidentTimeline timelines;
  @Autowired
  AuditExports exports;

  @Test
  void timelineAndExportNameTheAuthenticatedUserNotTheAssignee() {
    var incident = driver.open(IncidentDriver.influencerComplaint());
    String proposal = driver.task(incident, "Task_ProposeReply").getId();
    engine.getTaskService().claim(proposal, "mia");
    as("jonas", Roles.CREW,
        () -> engine.getTaskService().complete(proposal, Map.of("proposedReply", "Wir prüfen das.")));
    String decision = driver.task(incident, "Task_DecideOnReply").getId();
    as("sabine", Roles.MANAGEMENT, () -> engine.getTaskService().complete(decision,
        Map.of("managementDecision", "approve", "decisionReason", "Fits our line")));
    driver.runJobs(incident.getId());
    String key = (String) driver.variable(incident, "incidentKey");

    List<TimelineEntry> completed = timelines.of(key, Locale.GERMAN, ZoneOffset.UTC).orElseThrow().ofType(TimelineEntry.Type.TASK_COMPLETED);
    var exported = exports.incident(key, "ines").entries().stream()
        .filter(entry -> entry.type().equals(TimelineEntry.Type.TASK_COMPLETED.name())).toList();

    assertThat(completed).extracting(TimelineEntry::actor, entry -> entry.details().get("task"))
        .containsExactly(tuple("jonas", "Task_ProposeReply"), tuple("sabine", "Task_DecideOnReply"));
    assertThat(completed).extracting(TimelineEntry::summary)
        .anyMatch(summary -> summary.startsWith("„Antwort vorschlagen“ erledigt von jonas"))
        .anyMatch(summary -> summary.startsWith("„Über Antwort entscheiden“ erledigt von sabine"));
    assertThat(exported).extracting(AuditExport.Entry::actor).containsExactly("jonas", "sabine");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anApprovalOfAChangedTextIsRecordedAsTheApproversRewrite() {
    var incident = driver.open(IncidentDriver.influencerComplaint());
    driver.complete(incident, "Task_ProposeReply", "mia", Map.of("proposedReply", "Wir prüfen das."));
    driver.complete(incident, "Task_DecideOnReply", "sabine", Map.of("managementDecision", "approve",
        "proposedReply", "Sabines Worte", "decisionReason", "Ton"));
    String key = (String) driver.variable(incident, "incidentKey");

    TimelineEntry decision = timelines.of(key, Locale.GERMAN, ZoneOffset.UTC).orElseThrow().ofType(TimelineEntry.Type.TASK_COMPLETED).stream()
        .filter(entry -> "Task_DecideOnReply".equals(entry.details().get("task"))).findFirst().orElseThrow();

    assertThat(decision.actor()).isEqualTo("sabine");
    assertThat((Map<String, Object>) decision.details().get("form")).containsEntry("managementDecision", "rewrite")
        .containsEntry("rewrittenReply", "Sabines Worte");
  }

  private void as(String userId, String group, Runnable work) {
    engine.getIdentityService().setAuthentication(userId, List.of(group));
    try {
      work.run();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
