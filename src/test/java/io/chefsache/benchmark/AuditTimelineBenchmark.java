package io.chefsache.benchmark;

import static org.awaitility.Awaitility.await;

import io.chefsache.ChefsacheApplication;
import io.chefsache.audit.AuditExports;
import io.chefsache.audit.IncidentTimeline;
import io.chefsache.replay.ReplayCommand;
import io.chefsache.replay.SignedMentionSender;
import io.chefsache.support.BrowserSession;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How fast auditors get the timeline of a big incident: 1,000 mentions on one thread through the
 * signed intake (on an H2 file database, the embedded default), then the timeline, the audit page
 * and the export, each timed many times. Not a test: it prints figures. Run:
 * {@code mvn -B verify -Pbenchmark}.
 */
class AuditTimelineBenchmark {

  private static final int MENTIONS = Integer.getInteger("benchmark.timelineMentions", 1_000);
  private static final int RUNS = 30;

  @Test
  void timelineOfAnIncidentWithAThousandMentions() throws Exception {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ChefsacheApplication.class)
        .profiles("demo")
        .properties("CHEFSACHE_DB_URL=jdbc:h2:file:./target/benchmark-h2/audit-" + System.nanoTime() + "/chefsache",
            "CHEFSACHE_PORT=0", "CHEFSACHE_MANAGEMENT_PORT=0")
        .run("--chefsache.demo.sample-incidents=false", "--logging.level.root=warn")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      var sender = new SignedMentionSender(URI.create("http://localhost:" + port), ReplayCommand.DEMO_SECRET);
      String thread = "viral-" + System.nanoTime();
      for (int i = 0; i < MENTIONS; i++) {
        int status = sender.send("""
            {"platform":"facebook","externalId":"%s-%d","threadId":"%s","author":{"handle":"@fan%d","followers":%d},
             "text":"Gabel gebrochen? Das ist gefährlich!","createdAt":"2026-03-12T08:00:00Z","sentiment":%s,
             "topics":["product-safety","customer-service"]}""".formatted(thread, i, thread, i, 100 + i * 7 % 5000,
            -0.3 - (i % 7) / 10.0)).status();
        if (status != 202) {
          throw new IllegalStateException("mention " + i + " answered " + status);
        }
      }
      String key = "facebook:" + thread;
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      ManagementService jobs = app.getBean(ManagementService.class);
      await().atMost(Duration.ofMinutes(2)).until(() -> jdbc.queryForObject(
          "select reported_count from incident where incident_key = ?", Long.class, key) == MENTIONS
          && jobs.createJobQuery().executable().count() == 0);
      IncidentTimeline timelines = app.getBean(IncidentTimeline.class);
      AuditExports exports = app.getBean(AuditExports.class);
      var browser = new BrowserSession(port);
      browser.logIn("ines", "demo");
      String page = "/audit/incident?key=" + BrowserSession.encode(key);
      int entries = timelines.of(key, Locale.GERMAN, ZoneOffset.UTC).orElseThrow().entries().size();

      Timing service = time(() -> timelines.of(key, Locale.GERMAN, ZoneOffset.UTC).orElseThrow());
      Timing html = time(() -> {
        var answer = browser.get(page);
        if (answer.statusCode() != 200) {
          throw new IllegalStateException("page answered " + answer.statusCode());
        }
        return answer;
      });
      Timing export = time(() -> AuditExports.json(exports.incident(key, "benchmark")));
      System.out.printf("%n=== Chefsache audit timeline benchmark (H2 file, %d cores) ===%n"
              + "incident with %d mentions, %d timeline entries, %d runs each after %d warm-up runs%n"
              + "%-34s %s%n%-34s %s%n%-34s %s%n",
          Runtime.getRuntime().availableProcessors(), MENTIONS, entries, RUNS, RUNS / 3,
          "timeline (service)", service, "audit page (HTTP, HTML)", html, "export (JSON with hash chain)", export);
      new BenchmarkTargets("audit timeline benchmark")
          .atMost("audit page of an incident with " + MENTIONS + " mentions, p90", html.p90Millis(), 1_000, "ms")
          .atMost("export of that incident, p90", export.p90Millis(), 1_000, "ms").check();
    }
  }

  /** Milliseconds of a series of runs. */
  private record Timing(double p50Millis, double p90Millis, double maxMillis) {

    @Override
    public String toString() {
      return "p50 %6.1f ms   p90 %6.1f ms   max %6.1f ms".formatted(p50Millis, p90Millis, maxMillis);
    }
  }

  private static Timing time(Supplier<Object> work) {
    for (int i = 0; i < RUNS / 3; i++) {
      work.get();
    }
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      work.get();
      micros.add((System.nanoTime() - start) / 1_000);
    }
    Collections.sort(micros);
    return new Timing(micros.get(RUNS / 2) / 1000.0, micros.get((int) Math.ceil(RUNS * 0.9) - 1) / 1000.0,
        micros.get(RUNS - 1) / 1000.0);
  }
}
