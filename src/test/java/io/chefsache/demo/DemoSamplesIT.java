package io.chefsache.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chefsache.audit.IncidentTimeline;
import io.chefsache.escalation.IncidentProcess;
import io.chefsache.escalation.Situations;
import io.chefsache.support.OutboundStub;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The demo's sample incidents are made of stored mentions: what the forms and the process say about
 * each sample (count, negative in 60 minutes, highest reach, lowest sentiment, topics) is counted
 * from the mentions the intake stored for it, and the audit page lists the same mentions. A restart
 * on the same data adds nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true", "chefsache.demo.sample-incidents=true"})
@ActiveProfiles({"demo", "test"})
@ContextConfiguration(initializers = OutboundStub.class)
@AutoConfigureObservability
class DemoSamplesIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  /** The level each sample reaches, in the order of {@link DemoMentions#samples}. */
  private static final Map<String, Integer> LEVELS = Map.of("instagram:demo-spam", 0,
      "linkedin:demo-opening-hours", 1, "facebook:demo-broken-fork", 2, "x:demo-shitstorm", 3);
  private static final List<String> FIGURES = List.of("mentionCount", "negativeMentions60m", "highestReach",
      "lowestSentiment", "topics", "pressInvolved");

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IncidentTimeline timeline;
  @Autowired
  DemoIncidents demoIncidents;
  @Autowired
  Clock clock;

  /** The figures of a thread, counted here from its stored mentions as the triage sees them. */
  private Map<String, Object> storedFigures(String incidentKey) {
    Instant windowStart = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(59, ChronoUnit.MINUTES);
    return jdbc.queryForObject("""
        select count(*), sum(case when sentiment < 0 and received_at >= ? then 1 else 0 end), max(author_followers),
          min(sentiment), listagg(topics, ',') within group (order by seq) from mention where incident_key = ?""",
        (rs, row) -> {
          Map<String, Object> figures = new LinkedHashMap<>();
          figures.put("mentionCount", rs.getLong(1));
          figures.put("negativeMentions60m", rs.getLong(2));
          figures.put("highestReach", rs.getLong(3));
          figures.put("lowestSentiment", rs.getObject(4, Double.class));
          TreeSet<String> topics = new TreeSet<>(Arrays.asList(rs.getString(5).split(",")));
          topics.remove("");
          figures.put("topics", String.join(",", topics));
          figures.put("pressInvolved", topics.contains("press"));
          return figures;
        }, Timestamp.from(windowStart), incidentKey);
  }

  private Map<String, Object> figuresOf(Map<String, Object> variables) {
    Map<String, Object> figures = new LinkedHashMap<>();
    FIGURES.forEach(name -> figures.put(name, variables.get(name)));
    return figures;
  }

  private ProcessInstance thread(String incidentKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(incidentKey)
        .processDefinitionKey(IncidentProcess.PROCESS_KEY).singleResult();
  }

  private ProcessInstance situationOf(ProcessInstance thread) {
    String situationKey = (String) engine.getRuntimeService().getVariable(thread.getId(), "situationKey");
    return situationKey == null ? null : engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(situationKey).processDefinitionKey(Situations.PROCESS_KEY).singleResult();
  }

  /** Every open task of the process and of the processes it called (a level), with the variables its form reads. */
  private List<Task> tasksOf(String businessKey) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey).list();
  }

  private long count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }

  @Test
  void eachSampleShowsTheFiguresOfItsStoredMentionsAndARestartAddsNothing() {
    List<DemoMentions.Sample> samples = DemoMentions.samples(clock.instant());
    assertThat(samples).extracting(DemoMentions.Sample::incidentKey).containsExactlyElementsOf(
        List.of("instagram:demo-spam", "linkedin:demo-opening-hours", "facebook:demo-broken-fork", "x:demo-shitstorm"));

    await().atMost(PATIENCE).untilAsserted(() -> {
      for (DemoMentions.Sample sample : samples) {
        String key = sample.incidentKey();
        Map<String, Object> stored = storedFigures(key);
        assertThat(stored.get("mentionCount")).as(key).isEqualTo((long) sample.mentions().size());
        ProcessInstance thread = thread(key);
        assertThat(thread).as(key).isNotNull();
        Map<String, Object> variables = engine.getRuntimeService().getVariables(thread.getId());
        assertThat(variables.get("level")).as(key + " level").isEqualTo(LEVELS.get(key));
        assertThat(figuresOf(variables)).as(key + " process").isEqualTo(stored);
        assertThat(tasksOf(key)).as(key + " tasks").allSatisfy(task -> assertThat(figuresOf(
            engine.getTaskService().getVariables(task.getId(), FIGURES))).as(task.getName()).isEqualTo(stored));
        ProcessInstance situation = situationOf(thread);
        if (LEVELS.get(key) >= 2) {
          assertThat(situation).as(key + " situation").isNotNull();
          Map<String, Object> ofSituation = engine.getRuntimeService().getVariables(situation.getId());
          assertThat(figuresOf(ofSituation)).as(key + " situation").isEqualTo(stored);
          assertThat(ofSituation).containsEntry("threadCount", 1L).containsEntry("platforms", sample.platform());
          assertThat(tasksOf(situation.getBusinessKey())).as(key + " situation tasks").isNotEmpty()
              .allSatisfy(task -> assertThat(figuresOf(engine.getTaskService().getVariables(task.getId(), FIGURES)))
                  .as(task.getName()).isEqualTo(stored));
        }
      }
    });

    Map<String, Object> shitstorm = storedFigures("x:demo-shitstorm");
    assertThat(shitstorm).containsEntry("mentionCount", 240L).containsEntry("negativeMentions60m", 160L)
        .containsEntry("highestReach", 280_000L).containsEntry("lowestSentiment", -0.95)
        .containsEntry("topics", "customer-service,product-safety").containsEntry("pressInvolved", false);
    assertThat(jdbc.queryForObject("select count(distinct author_handle) from mention where incident_key = ?",
        Long.class, "x:demo-shitstorm")).as("authors").isGreaterThan(30);
    assertThat(jdbc.queryForObject("""
        select datediff('minute', min(created_at), max(created_at)) from mention where incident_key = ?""",
        Long.class, "x:demo-shitstorm")).as("minutes from the first to the last post").isBetween(55L, 60L);
    for (DemoMentions.Sample sample : samples) {
      assertThat(timeline.of(sample.incidentKey(), Locale.GERMAN, ZoneId.of("Europe/Berlin")).orElseThrow()
          .mentions()).as("the audit page's mentions of " + sample.incidentKey()).hasSize(sample.mentions().size());
    }

    long mentions = count("mention");
    long incidents = count("incident");
    long instances = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    Map<String, Map<String, Object>> figures = new LinkedHashMap<>();
    samples.forEach(sample -> figures.put(sample.incidentKey(),
        figuresOf(engine.getRuntimeService().getVariables(thread(sample.incidentKey()).getId()))));

    demoIncidents.openSampleIncidents();
    assertThat(demoIncidents.deliver(DemoMentions.samples(clock.instant())))
        .as("every sample mention, delivered again as when no incident runs any more, is a duplicate").isZero();

    assertThat(count("mention")).isEqualTo(mentions);
    assertThat(count("incident")).isEqualTo(incidents);
    assertThat(count("mention where counted = false")).isZero();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    samples.forEach(sample -> assertThat(
        figuresOf(engine.getRuntimeService().getVariables(thread(sample.incidentKey()).getId())))
        .isEqualTo(figures.get(sample.incidentKey())));
  }
}
