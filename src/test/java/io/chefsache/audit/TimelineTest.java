package io.chefsache.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.audit.TimelineEntry.Type;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.IncidentDriver;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The timeline tells what was known when: a deadline when its task is created and when it is met,
 * missed or withdrawn, never before; a re-triage that changes nothing once, with its count; what
 * people entered with the labels of their form.
 */
@ChefsacheTest
class TimelineTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Autowired
  IncidentDriver driver;
  @Autowired
  IncidentTimeline timelines;
  @Autowired
  HistoryService history;

  @Test
  void aDeadlineAheadIsNamedWithItsTaskAndNoRowLiesInTheFuture() {
    var incident = driver.open(IncidentDriver.question());

    List<TimelineEntry> entries = timeline(incident);

    assertThat(entries).noneMatch(entry -> entry.at().isAfter(Instant.now()));
    assertThat(entries).noneMatch(entry -> entry.type() == Type.DEADLINE);
    assertThat(only(entries, Type.TASK_CREATED, "Auf Erwähnung antworten").summary())
        .containsPattern("für Social-Media-Crew, Frist bis \\d\\d\\.\\d\\d\\.\\d{4}, \\d\\d:\\d\\d:\\d\\d MES?Z");
  }

  @Test
  void aTaskAnEscalationTakesAwayBeforeItsDeadlineIsWithdrawnThenAndNotMissed() {
    var incident = driver.open(IncidentDriver.question());
    driver.reportNewActivity(incident, IncidentDriver.shitstorm());
    var task = history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(key(incident))
        .taskDefinitionKey("Task_RespondToMention").singleResult();
    assertThat(task.getEndTime()).as("the crew's task ended with the escalation").isNotNull();

    TimelineEntry deadline = only(timeline(incident), Type.DEADLINE, "Auf Erwähnung antworten");

    assertThat(deadline.details()).containsEntry("state", "withdrawn");
    assertThat(deadline.at()).isEqualTo(task.getEndTime().toInstant());
    assertThat(deadline.summary()).contains("entfällt").doesNotContain("verpasst").doesNotContain("deleted")
        .contains("vom Ablauf beendet");
    assertThat(only(timeline(incident), Type.TASK_COMPLETED, "Auf Erwähnung antworten").summary())
        .startsWith("„Auf Erwähnung antworten“ zurückgezogen (vom Ablauf beendet").doesNotContain("deleted");
  }

  @Test
  void aReTriageThatChangesNothingIsOneRowWithItsCount() {
    var incident = driver.open(IncidentDriver.question());
    for (int i = 0; i < 3; i++) {
      driver.reportNewActivity(incident, IncidentDriver.question());
    }

    List<TimelineEntry> again = timeline(incident).stream().filter(entry -> entry.type() == Type.DECISION
        && "IncidentTriage".equals(entry.details().get("decision"))
        && entry.summary().startsWith("Triage (Vorfall neu einstufen)")).toList();

    assertThat(again).hasSize(1);
    assertThat(again.get(0).details()).containsEntry("evaluations", 3).containsKey("lastInputs");
    assertThat(again.get(0).summary()).contains("3-mal mit diesem Ergebnis, zuletzt");
  }

  @Test
  void theDeadlinesOfALevelAreEveryRowOfTheTableEachByItsAnnotation() {
    var incident = driver.open(IncidentDriver.influencerComplaint());

    TimelineEntry deadlines = timeline(incident).stream().filter(entry -> entry.type() == Type.DECISION
        && "ResponseDeadlines".equals(entry.details().get("decision"))).findFirst().orElseThrow();

    assertThat(deadlines.details().get("outputs")).asList().as("one row per step of level 2").hasSize(3)
        .contains(Map.of("step", "responseDue", "due", "PT30M"));
    assertThat(deadlines.summary())
        .contains("Stufe 2: verbindliche Entscheidung der Geschäftsleitung (auch die Linie einer Lage): 30 min, responseDue")
        .contains("Stufe 2: Erinnerung an die Geschäftsleitung: 20 min, responseReminder")
        .contains("15 min, answerWithLineDue");
  }

  @Test
  void whatPeopleEnteredIsNamedWithTheirFormsLabels() {
    var incident = driver.open(IncidentDriver.influencerComplaint());
    driver.complete(incident, "Task_ProposeReply", "mia", Map.of("proposedReply", "Wir prüfen das."));
    driver.complete(incident, "Task_DecideOnReply", "sabine", Map.of("managementDecision", "approve",
        "decisionReason", "Fakten geprüft"));

    String decided = only(timeline(incident), Type.TASK_COMPLETED, "Über Antwort entscheiden").summary();

    assertThat(decided).isEqualTo("„Über Antwort entscheiden“ erledigt von sabine: Verbindliche Entscheidung: "
        + "Freigeben und veröffentlichen; Begründung (wird protokolliert): Fakten geprüft");
  }

  private List<TimelineEntry> timeline(ProcessInstance incident) {
    return timelines.of(key(incident), Locale.GERMAN, BERLIN).orElseThrow().entries();
  }

  private String key(ProcessInstance incident) {
    return (String) driver.variable(incident, "incidentKey");
  }

  private static TimelineEntry only(List<TimelineEntry> entries, Type type, String summaryPart) {
    List<TimelineEntry> found = entries.stream()
        .filter(entry -> entry.type() == type && entry.summary().contains(summaryPart)).toList();
    assertThat(found).as(type + " " + summaryPart).hasSize(1);
    return found.get(0);
  }
}
