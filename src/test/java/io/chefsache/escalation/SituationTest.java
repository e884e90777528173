package io.chefsache.escalation;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.chefsache.support.IncidentDriver.figures;
import static io.chefsache.support.IncidentDriver.productSafety;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.notify.OutboundAction;
import io.chefsache.notify.OutboundActions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.chefsache.support.BrowserSession;
import io.chefsache.support.IncidentDriver;
import io.chefsache.support.OutboundStub;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A story on several threads is one situation: management sets one line, every thread's crew task
 * carries it, and missed deadlines escalate the situation once.
 */
class SituationTest extends EscalationTestBase {

  @Autowired
  Situations situations;
  @Autowired
  AnswerAllRequests answerAllRequests;
  @Autowired
  io.chefsache.audit.AuditFigures auditFigures;
  @Autowired
  OutboundActions outbound;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  TestRestTemplate rest;
  @LocalServerPort
  int port;

  /** Threads of one story on several platforms, opened now; the listening tool names the story. */
  private List<ProcessInstance> story(int threads) {
    String storyId = "fork-" + System.nanoTime();
    List<String> platforms = List.of("facebook", "x", "instagram");
    return IntStream.range(0, threads)
        .mapToObj(i -> driver.open(productSafety(), platforms.get(i % platforms.size()), storyId)).toList();
  }

  private String situationKey(ProcessInstance thread) {
    return (String) driver.variable(thread, "situationKey");
  }

  private ProcessInstance situation(String key) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("SituationProcess")
        .processInstanceBusinessKey(key).singleResult();
  }

  private List<Task> tasks(String taskKey, String situationKey) {
    return engine.getTaskService().createTaskQuery().taskDefinitionKey(taskKey)
        .processVariableValueEquals("situationKey", situationKey).list();
  }

  /**
   * Runs every job of the situation and its threads (not timers) until they come to rest, and hands
   * a new line to the threads' crew tasks as the application's scheduled round does.
   */
  private void settle(String situationKey, List<ProcessInstance> threads) {
    for (int round = 0; round < 5; round++) {
      driver.runJobs(situation(situationKey).getId());
      threads.forEach(thread -> driver.runJobs(thread.getId()));
      situations.catchUp(Duration.ofHours(1));
    }
  }

  private void setLine(String situationKey, String user, Map<String, Object> extra) {
    Task task = tasks("Task_SetLine", situationKey).get(0);
    engine.getTaskService().claim(task.getId(), user);
    Map<String, Object> form = new HashMap<>(Map.of("lineCoreStatement", "Wir prüfen jede gemeldete Gabel.",
        "lineReply", "Danke für den Hinweis: Wir prüfen jede gemeldete Gabel und melden uns per DM.",
        "lineTone", "empathetic", "pausePosts", false, "answerAllWithLine", false));
    form.putAll(extra);
    engine.getTaskService().complete(task.getId(), form);
  }

  private List<String> chatTexts(String group) {
    return OutboundStub.server().findAll(postRequestedFor(urlPathEqualTo(OutboundStub.chatPath(group)))).stream()
        .map(post -> {
          try {
            return new ObjectMapper().readTree(post.getBodyAsString()).get("text").asText();
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
          }
        }).toList();
  }

  private List<OutboundAction> replies(ProcessInstance thread) {
    return driver.outbound(thread).stream().filter(action -> action.kind() == OutboundAction.Kind.REPLY).toList();
  }

  @Test
  void threadsOfOneStoryFormOneSituationAndManagementGetsOneTaskAtOnce() {
    var threads = story(3);
    String key = situationKey(threads.get(0));
    assertThat(threads).extracting(this::situationKey).containsOnly(key);
    settle(key, threads);

    assertThat(tasks("Task_SetLine", key)).singleElement().satisfies(task -> {
      assertThat(task.getName()).startsWith("Linie festlegen: fork-");
      assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId())).extracting("groupId")
          .containsExactly("management");
      assertThat(task.getDueDate()).isNotNull();
      assertThat(engine.getTaskService().getVariable(task.getId(), "levelLabel")).as("the form's Stufe, in German")
          .isEqualTo("Direkter Draht zur Geschäftsleitung");
    });
    List<Task> crew = tasks("Task_AnswerWithLine", key);
    assertThat(crew).hasSize(3).allSatisfy(task -> {
      assertThat(task.getDueDate()).as("the deadline starts with the line").isNull();
      assertThat(engine.getTaskService().getVariable(task.getId(), "lineSummary")).asString()
          .contains("Linie für diese Lage noch nicht festgelegt");
    });
    assertThat(engine.getTaskService().createTaskQuery().taskDefinitionKey("Task_ProposeReply")
        .processVariableValueEquals("situationKey", key).count()).as("no proposal per thread").isZero();
    assertThatThrownBy(() -> {
      engine.getTaskService().claim(crew.get(0).getId(), "mia");
      engine.getTaskService().complete(crew.get(0).getId(), Map.of("threadAnswer", "withLine", "replyText", "Hallo"));
    }).isInstanceOf(ProcessEngineException.class).hasMessageContaining("Linie noch nicht festgelegt");
  }

  @Test
  void aCrewThreadThatANewMentionTurnsIntoTheStoryJoinsTheSituationInsteadOfOpeningItsOwnLine() {
    var thread = driver.open(IncidentDriver.question());
    assertThat(thread).isWaitingAt("CallActivity_Crew");

    driver.reportNewActivity(thread, productSafety());

    String key = situationKey(thread);
    assertThat(key).as("the thread found its story before its level rose").startsWith("product-safety@");
    assertThat(thread).isWaitingAt("CallActivity_SituationThread").hasNotPassed("CallActivity_Management");
    assertThat(driver.variable(thread, "level")).isEqualTo(2);
  }

  @Test
  void managementsChatNamesTheSituationAndLinksToItsLineTask() throws Exception {
    var threads = story(2);
    String key = situationKey(threads.get(0));
    settle(key, threads);
    String title = (String) driver.variable(situation(key), "situationTitle");
    Task setLine = tasks("Task_SetLine", key).get(0);

    var messages = OutboundStub.server().findAll(postRequestedFor(urlPathEqualTo(OutboundStub.chatPath("management"))))
        .stream().map(post -> post.getBodyAsString()).filter(body -> body.contains(title)).toList();
    assertThat(messages).singleElement().satisfies(body -> assertThat(new ObjectMapper().readTree(body).get("text")
        .asText()).startsWith("*Lage auf Stufe 2: Die Geschäftsleitung legt die Linie fest* – Lage " + title)
        .contains("#/?task=" + setLine.getId() + "|Aufgabe öffnen: Linie festlegen: " + title + ">")
        .endsWith(" · <https://chefsache.example/audit/incident?key=" + key.replace("@", "%40") + "|Verlauf der Lage>"));
  }

  @Test
  void theLineReachesEveryThreadAndTheCrewPublishesItOncePerThread() {
    var threads = story(2);
    String key = situationKey(threads.get(0));
    settle(key, threads);

    setLine(key, "sabine", Map.of());
    settle(key, threads);

    List<Task> crew = tasks("Task_AnswerWithLine", key);
    assertThat(crew).hasSize(2).allSatisfy(task -> {
      assertThat(task.getDueDate()).isAfter(Instant.now());
      assertThat(engine.getTaskService().getVariable(task.getId(), "lineSummary")).asString()
          .contains("Wir prüfen jede gemeldete Gabel.").contains("sabine");
      assertThat(engine.getTaskService().getVariable(task.getId(), "replyText")).asString()
          .startsWith("Danke für den Hinweis");
    });
    Task first = crew.get(0);
    engine.getTaskService().claim(first.getId(), "mia");
    engine.getTaskService().complete(first.getId(), Map.of("threadAnswer", "withLine",
        "replyText", "Danke, @kunde: Wir prüfen jede gemeldete Gabel und melden uns per DM."));
    settle(key, threads);

    assertThat(threads.stream().mapToLong(thread -> replies(thread).size()).sum()).isEqualTo(1);

    assertThat(situations.answerAll(key, "sabine")).isEqualTo(1);
    settle(key, threads);
    assertThat(situations.answerAll(key, "sabine")).as("a retried action publishes nothing twice").isZero();
    settle(key, threads);
    assertThat(threads).allSatisfy(thread -> assertThat(replies(thread)).hasSize(1));
    assertThat(tasks("Task_AnswerWithLine", key)).isEmpty();
  }

  @Test
  void auditFiguresCountTheCrewsAnswersOfAllSituationsAsOneStep() {
    Instant from = Instant.now().minusSeconds(1);
    for (int story = 0; story < 2; story++) {
      var threads = story(2);
      String key = situationKey(threads.get(0));
      settle(key, threads);
      setLine(key, "sabine", Map.of());
      settle(key, threads);
      for (Task answer : tasks("Task_AnswerWithLine", key)) {
        engine.getTaskService().claim(answer.getId(), "mia");
        engine.getTaskService().complete(answer.getId(), Map.of("threadAnswer", "withLine",
            "replyText", "Danke, wir prüfen jede gemeldete Gabel."));
      }
      settle(key, threads);
    }

    assertThat(auditFigures.of(from, Instant.now().plusSeconds(1)).deadlines())
        .filteredOn(step -> step.task().equals("Task_AnswerWithLine"))
        .singleElement().satisfies(step -> {
          assertThat(step.name()).as("the step, not one situation's title").isEqualTo("Mit der Linie antworten");
          assertThat(step.due()).as("both situations' threads, and any other in the period").isGreaterThanOrEqualTo(4);
        });
  }

  @Test
  void aCrewMemberAnswersTheirThreadAndAllOtherOpenThreadsWithTheLineInOneStepInTasklist() {
    var threads = story(3);
    String key = situationKey(threads.get(0));
    settle(key, threads);
    setLine(key, "sabine", Map.of());
    settle(key, threads);
    Task mine = tasks("Task_AnswerWithLine", key).get(0);
    engine.getTaskService().claim(mine.getId(), "mia");
    engine.getTaskService().complete(mine.getId(), Map.of("threadAnswer", "withLine", "answerAllOpenThreads", true,
        "replyText", "Danke, @kunde: Wir prüfen jede gemeldete Gabel und melden uns per DM."));
    settle(key, threads);

    answerAllRequests.carryOut();
    settle(key, threads);

    assertThat(threads).allSatisfy(thread -> assertThat(replies(thread)).as("one publication per thread").hasSize(1));
    assertThat(threads).extracting(thread -> replies(thread).get(0).body()).containsOnlyOnce(
        "Danke, @kunde: Wir prüfen jede gemeldete Gabel und melden uns per DM.");
    assertThat(tasks("Task_AnswerWithLine", key)).isEmpty();
    answerAllRequests.carryOut();
    settle(key, threads);
    assertThat(threads).allSatisfy(thread -> assertThat(replies(thread)).as("carried out once").hasSize(1));
  }

  @Test
  void theCrewAnswersAllOpenThreadsThroughTheApiOnceAndOnlyWithALine() {
    var threads = story(2);
    String key = situationKey(threads.get(0));
    settle(key, threads);
    String url = "/api/situations/" + key + "/answer-all";

    assertThat(rest.withBasicAuth("mia", "demo").postForEntity(url, null, String.class).getStatusCode().value())
        .as("no line yet").isEqualTo(409);
    setLine(key, "sabine", Map.of());
    settle(key, threads);
    assertThat(rest.withBasicAuth("ines", "demo").postForEntity(url, null, String.class).getStatusCode().value())
        .as("auditors only read").isEqualTo(403);
    assertThat(rest.withBasicAuth("mia", "demo").postForEntity("/api/situations/nope@1/answer-all", null,
        String.class).getStatusCode().value()).isEqualTo(404);

    var answered = rest.withBasicAuth("mia", "demo").postForEntity(url, null, Map.class);
    settle(key, threads);
    var again = rest.withBasicAuth("jonas", "demo").postForEntity(url, null, Map.class);
    settle(key, threads);

    assertThat(answered.getBody()).containsEntry("threadsAnswered", 2);
    assertThat(again.getBody()).containsEntry("threadsAnswered", 0);
    assertThat(threads).allSatisfy(thread -> assertThat(replies(thread)).extracting(OutboundAction::body)
        .containsExactly("Danke für den Hinweis: Wir prüfen jede gemeldete Gabel und melden uns per DM."));
    String reply = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .superProcessInstanceId(threads.get(0).getId()).singleResult().getId();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(reply)
        .variableName("answeredBy").singleResult().getValue()).as("who answered, on record").isEqualTo("mia");
  }

  @Test
  void colleaguesAnsweringAllAtTheSameTimeGetNoErrorAndEachThreadOneReply() throws Exception {
    var threads = story(6);
    String key = situationKey(threads.get(0));
    settle(key, threads);
    setLine(key, "sabine", Map.of());
    settle(key, threads);
    String url = "/api/situations/" + key + "/answer-all";

    var colleagues = Executors.newFixedThreadPool(8);
    List<Integer> statuses;
    try {
      var asked = IntStream.range(0, 8).mapToObj(i -> colleagues.submit(() -> rest
          .withBasicAuth(i % 2 == 0 ? "mia" : "sabine", "demo").postForEntity(url, null, String.class)
          .getStatusCode().value())).toList();
      statuses = new ArrayList<>();
      for (var answer : asked) {
        statuses.add(answer.get());
      }
    } finally {
      colleagues.shutdown();
    }
    settle(key, threads);

    assertThat(statuses).as("answered, or asked to try again; never an error").allMatch(s -> s == 200 || s == 503)
        .contains(200);
    assertThat(threads).allSatisfy(thread -> assertThat(replies(thread)).hasSize(1));
  }

  @Test
  void auditorsSeeTheSituationWithItsLineItsThreadsAndWhatWasPublishedOnEach() {
    var threads = story(2);
    String key = situationKey(threads.get(0));
    settle(key, threads);
    setLine(key, "sabine", Map.of("lineAvoid", "<b>keine</b> Schuldzuweisung"));
    settle(key, threads);
    situations.answerAll(key, "mia");
    settle(key, threads);
    var browser = new BrowserSession(port);
    browser.logIn("ines", "demo");

    var page = browser.get("/audit/incident?key=" + BrowserSession.encode(key));
    var list = browser.get("/audit");

    assertThat(page.statusCode()).isEqualTo(200);
    String thread = (String) driver.variable(threads.get(1), "incidentKey");
    assertThat(page.body()).contains("id=\"situation\"").contains("Wir prüfen jede gemeldete Gabel.")
        .contains("&lt;b&gt;keine&lt;/b&gt; Schuldzuweisung").contains("sabine").contains(thread)
        .contains("gesendet: Danke für den Hinweis").contains("Task_SetLine");
    assertThat(list.body()).contains("id=\"situations\"").contains((String) driver.variable(threads.get(0),
        "situationTitle"));
    var threadPage = browser.get("/audit/incident?key=" + BrowserSession.encode(thread));
    assertThat(threadPage.body()).contains("id=\"member-of\"").contains(key);
    var periodExport = browser.get("/audit/export.json");
    assertThat(periodExport.statusCode()).isEqualTo(200);
    assertThat(periodExport.body()).as("the period's archive holds the situation with management's line")
        .contains("\"incidentKey\" : \"" + key + "\"").contains("Wir prüfen jede gemeldete Gabel.");
  }

  @Test
  void aThreadWhoseTaskWasCreatedWhileTheLineWasSetGetsTheLineWithinARound() {
    var threads = story(1);
    String key = situationKey(threads.get(0));
    settle(key, threads);
    Task waiting = tasks("Task_AnswerWithLine", key).get(0);
    // the line commits without seeing this task, as when both happen at the same moment on two nodes
    jdbc.update("update situation set line_core_statement = 'Wir prüfen das.', line_reply = 'Wir prüfen das, DM folgt.', "
        + "line_pause_posts = false, line_set_by = 'sabine', line_set_at = current_timestamp where situation_key = ?", key);

    situations.catchUp(Duration.ofHours(1));

    Task caughtUp = engine.getTaskService().createTaskQuery().taskId(waiting.getId()).singleResult();
    assertThat(caughtUp.getDueDate()).isAfter(Instant.now());
    assertThat(engine.getTaskService().getVariable(waiting.getId(), "replyText")).isEqualTo("Wir prüfen das, DM folgt.");
  }

  @Test
  void aReplyBeyondTheLineNeedsManagementAndNeverItsWriter() {
    var threads = story(1);
    String key = situationKey(threads.get(0));
    settle(key, threads);
    setLine(key, "sabine", Map.of());
    settle(key, threads);

    Task answer = tasks("Task_AnswerWithLine", key).get(0);
    engine.getTaskService().claim(answer.getId(), "tarek");
    engine.getTaskService().complete(answer.getId(), Map.of("threadAnswer", "departs",
        "replyText", "Wir rufen alle Gabeln zurück."));
    settle(key, threads);
    Task approval = tasks("Task_ApproveDeparture", key).get(0);
    engine.getTaskService().claim(approval.getId(), "tarek");
    assertThatThrownBy(() -> engine.getTaskService().complete(approval.getId(),
        Map.of("departureDecision", "approve", "decisionReason", "ok")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Vier-Augen-Prinzip");
    assertThat(replies(threads.get(0))).isEmpty();

    engine.getTaskService().setAssignee(approval.getId(), "sabine");
    engine.getTaskService().complete(approval.getId(), Map.of("departureDecision", "approve", "decisionReason", "ok"));
    settle(key, threads);
    assertThat(replies(threads.get(0))).extracting(OutboundAction::body).containsExactly("Wir rufen alle Gabeln zurück.");
  }

  @Test
  void aMissedLineGoesToTheDeputyAndThenEscalatesTheSituationOnce() {
    var threads = story(2);
    String key = situationKey(threads.get(0));
    settle(key, threads);
    var situation = situation(key);

    driver.fireTimer(situation, "BoundaryEvent_LineOverdue");
    settle(key, threads);
    assertThat(tasks("Task_SetLine", key)).isEmpty();
    assertThat(tasks("Task_SetLineAsDeputy", key)).singleElement().satisfies(task ->
        assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId())).extracting("groupId")
            .containsExactly("crisis-approvers"));

    driver.fireTimer(situation, "BoundaryEvent_DeputyLineOverdue");
    settle(key, threads);
    assertThat(driver.variable(situation, "level")).isEqualTo(3);
    assertThat((String) driver.variable(situation, "levelCause"))
        .contains("Die Geschäftsleitung hat die Linie der Lage nicht rechtzeitig festgelegt")
        .contains("Vertretung (CEO oder Krisenfreigabe)");
    assertThat(tasks("Task_DraftHoldingStatement", key)).as("one holding statement for the situation").singleElement()
        .satisfies(task -> assertThat(task.getName()).as("the task says which situation it is about")
            .isEqualTo("Holding Statement entwerfen: " + driver.variable(situation, "situationTitle")));
    assertThat(outbound.actionsOf(key)).extracting(OutboundAction::kind).contains(OutboundAction.Kind.FREEZE);
    assertThat(tasks("Task_SetLine", key)).as("the threads still need a line, beside the crisis").hasSize(1);

    var lineInCrisis = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("SituationLevel2Line").processInstanceBusinessKey(key).singleResult();
    driver.fireTimer(lineInCrisis, "BoundaryEvent_LineOverdue");
    String deputysLine = tasks("Task_SetLineAsDeputy", key).get(0).getId();
    driver.fireTimer(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("IncidentLevel3Crisis")
        .processInstanceBusinessKey(key).singleResult(), "BoundaryEvent_HoldingStatementOverdue");
    assertThat(chatTexts("crisis-approvers")).filteredOn(text -> text.startsWith("*Holding Statement überfällig*"))
        .as("the approvers have no holding statement to approve yet: Tasklist, not the deputy's line task")
        .singleElement().satisfies(text -> assertThat(text).contains("|Tasklist öffnen>").doesNotContain(deputysLine));
    driver.fireTimer(lineInCrisis, "BoundaryEvent_DeputyLineOverdue");
    settle(key, threads);
    assertThat(driver.variable(situation, "level")).as("nothing above a crisis").isEqualTo(3);
    assertThat(tasks("Task_DraftHoldingStatement", key)).hasSize(1);
  }

  @Test
  void aSituationThatReachesLevel3WhileManagementSetsTheLineKeepsManagementsTaskBesideOneCrisis() {
    var threads = story(2);
    String key = situationKey(threads.get(0));
    settle(key, threads);
    Task setLine = tasks("Task_SetLine", key).get(0);
    engine.getTaskService().claim(setLine.getId(), "sabine");

    situations.reportNewActivity(situation(key).getId(), figures(140, 104, 280_000, -0.9, "customer-service"), 2,
        "facebook,x");
    settle(key, threads);

    assertThat(driver.variable(situation(key), "level")).isEqualTo(3);
    assertThat(tasks("Task_DraftHoldingStatement", key)).as("the crisis starts at once").hasSize(1);
    assertThat(tasks("Task_SetLine", key)).singleElement().satisfies(task -> {
      assertThat(task.getId()).as("management keeps the task it is working on").isEqualTo(setLine.getId());
      assertThat(task.getAssignee()).isEqualTo("sabine");
      assertThat(task.getDueDate()).isEqualTo(setLine.getDueDate());
    });

    setLine(key, "sabine", Map.of());
    settle(key, threads);
    assertThat(tasks("Task_AnswerWithLine", key)).hasSize(2).allSatisfy(task ->
        assertThat(engine.getTaskService().getVariable(task.getId(), "lineStatus")).isEqualTo("set"));
    Task follow = tasks("Task_FollowSituation", key).get(0);
    engine.getTaskService().claim(follow.getId(), "sabine");
    // declared once more, with a variable of the task's process set back to level 2 on the way
    engine.getTaskService().complete(follow.getId(), Map.of("situationDecision", "crisis", "situationReason",
        "Die Presse fragt an.", "level", 2));
    settle(key, threads);

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("IncidentLevel3Crisis")
        .processInstanceBusinessKey(key).count()).as("declaring the running crisis starts no second one").isEqualTo(1);
    assertThat(tasks("Task_DraftHoldingStatement", key)).hasSize(1);
    assertThat(situation(key)).as("the situation goes on with its crisis").isNotNull();
  }

  @Test
  void theCrisisTeamSeesTheSituationAndTheLineManagementSetsDuringTheCrisis() {
    var threads = story(3);
    String key = situationKey(threads.get(0));
    settle(key, threads);
    var situation = situation(key);
    driver.fireTimer(situation, "BoundaryEvent_LineOverdue");
    driver.fireTimer(situation, "BoundaryEvent_DeputyLineOverdue");
    settle(key, threads);
    Task draft = tasks("Task_DraftHoldingStatement", key).get(0);
    assertThat(engine.getTaskService().getVariable(draft.getId(), "situationTitle"))
        .isEqualTo(driver.variable(situation, "situationTitle"));
    assertThat(engine.getTaskService().getVariable(draft.getId(), "lineSummary")).as("no line yet").isNull();

    setLine(key, "sabine", Map.of());
    settle(key, threads);

    assertThat(engine.getTaskService().getVariable(draft.getId(), "lineSummary")).asString()
        .as("the open holding-statement task shows the line set meanwhile")
        .contains("Kernaussage: Wir prüfen jede gemeldete Gabel.").contains("Tonfall: empathisch")
        .contains("Festgelegt von sabine am");

    engine.getTaskService().claim(draft.getId(), "lena");
    engine.getTaskService().complete(draft.getId(), Map.of("holdingStatement", "Wir prüfen alle Gabeln."));
    settle(key, threads);
    Task approval = tasks("Task_ApproveHoldingStatement", key).get(0);
    engine.getTaskService().claim(approval.getId(), "tarek");
    engine.getTaskService().complete(approval.getId(), Map.of("holdingStatementDecision", "approve"));
    settle(key, threads);
    var browser = new BrowserSession(port);
    browser.logIn("ines", "demo");
    assertThat(browser.get("/audit/incident?key=" + BrowserSession.encode(key)).body())
        .as("the situation's page shows the statement published for it as a whole")
        .contains("Holding Statement „Wir prüfen alle Gabeln.“: auf 1 Thread veröffentlicht, ");
  }

  @Test
  void scheduledPostsResumeOnlyWhenNoOtherSituationStillPausesThem() {
    // posts are one switch for the company: start from a company where no situation pauses them
    jdbc.update("update situation set posts_paused = false");
    String first = "freeze-first-" + System.nanoTime();
    String second = "freeze-second-" + System.nanoTime();
    for (String key : List.of(first, second)) {
      jdbc.update("insert into situation (situation_key, story_key, title, opened_at) values (?, ?, ?, current_timestamp)",
          key, "story-" + key, "Situation " + key);
    }
    engine.getRepositoryService().createDeployment().addModelInstance("FreezeProbe.bpmn",
        Bpmn.createExecutableProcess("FreezeProbe").startEvent()
            .serviceTask("Task_Freeze").camundaDelegateExpression("${freezeScheduledPostsDelegate}")
            .camundaInputParameter("freeze", "${freeze}")
            .endEvent().done()).deploy();

    freeze(first, "pause");
    freeze(second, "pause");
    String firstResume = freeze(first, "resume");

    assertThat(events(first)).as("the first situation's crisis is over, the second's is not").containsExactly("pause");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(firstResume)
        .variableName("postsStillPausedBy").singleResult().getValue()).isEqualTo("Situation " + second);

    freeze(second, "resume");

    assertThat(events(second)).as("the last pause is over: the posts resume").containsExactly("pause", "resume");
  }

  private String freeze(String situationKey, String direction) {
    return engine.getRuntimeService().startProcessInstanceByKey("FreezeProbe",
        Map.of("situationKey", situationKey, "freeze", direction)).getId();
  }

  private List<String> events(String situationKey) {
    return outbound.actionsOf(situationKey).stream().filter(action -> action.kind() == OutboundAction.Kind.FREEZE)
        .map(OutboundAction::event).toList();
  }
}
