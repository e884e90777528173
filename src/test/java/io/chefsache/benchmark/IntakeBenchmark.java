package io.chefsache.benchmark;

import io.chefsache.ChefsacheApplication;
import io.chefsache.escalation.FirstMention;
import io.chefsache.escalation.IncidentFigures;
import io.chefsache.escalation.IncidentProcess;
import io.chefsache.replay.ReplayCommand;
import io.chefsache.replay.SignedMentionSender;
import io.chefsache.support.EmbeddedPostgresDatabase;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Intake throughput against the raw engine, on H2 and PostgreSQL in one run. Not a test: it prints
 * figures and asserts nothing. Run: {@code mvn -B verify -Pbenchmark}.
 */
class IntakeBenchmark {

  private static final int SENDERS = 8;
  private static final int OPENINGS = Integer.getInteger("benchmark.openings", 500);
  private static final int BURST = Integer.getInteger("benchmark.burst", 2_000);
  private static final int NAIVE = Integer.getInteger("benchmark.naive", 500);

  record Rate(double perSecond, long p50Micros, long p99Micros, long lost, String note) {
  }

  @Test
  void intakeAgainstRawEngine() throws Exception {
    Map<String, Map<String, Rate>> results = new LinkedHashMap<>();
    results.put("H2 (file)", run(List.of("CHEFSACHE_DB_URL=jdbc:h2:file:./target/benchmark-h2/"
        + System.nanoTime() + "/chefsache"), "demo"));
    String postgres = EmbeddedPostgresDatabase.newDatabase();
    results.put("PostgreSQL", run(List.of("CHEFSACHE_DB_URL=" + postgres,
        "CHEFSACHE_DB_USER=postgres", "CHEFSACHE_DB_PASSWORD=postgres"), "demo", "postgres"));
    print(results);
  }

  private Map<String, Rate> run(List<String> database, String... profiles) throws Exception {
    List<String> properties = new ArrayList<>(database);
    properties.addAll(List.of("CHEFSACHE_PORT=0", "CHEFSACHE_MANAGEMENT_PORT=0"));
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ChefsacheApplication.class)
        .profiles(profiles).properties(properties.toArray(String[]::new))
        .run("--chefsache.demo.sample-incidents=false", "--logging.level.root=warn")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      var sender = new SignedMentionSender(URI.create("http://localhost:" + port), ReplayCommand.DEMO_SECRET);
      IncidentProcess incidents = app.getBean(IncidentProcess.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      ManagementService management = app.getBean(ManagementService.class);
      warmUp(sender);
      drain(management);

      Map<String, Rate> rates = new LinkedHashMap<>();
      String run = Long.toString(System.nanoTime(), 36);
      JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
          .getProcessEngineConfiguration()).getJobExecutor();
      jobExecutor.shutdown();
      rates.put("open incidents: intake (HTTP)", measure(OPENINGS, i -> {
        var response = sender.send(mention("open-" + run + "-" + i, "open-" + run + "-" + i));
        return response.status() == 202;
      }, () -> OPENINGS - jdbc.queryForObject("select count(*) from incident where incident_key like ?", Long.class,
          "facebook:open-" + run + "-%"), "job executor paused while opening (both rows)"));
      rates.put("open incidents: raw engine (Java API)", measure(OPENINGS, i -> {
        incidents.open(new FirstMention("raw-" + i, "facebook", "raw-" + run + "-" + i, "@b", "Wann?", null),
            figures(1));
        return true;
      }, () -> 0L, "same process and variables, Java API, no HTTP"));
      jobExecutor.start();
      drain(management);
      rates.put("burst on one thread: intake (HTTP)", measure(BURST, i -> {
        var response = sender.send(mention("burst-" + run, "burst-" + run + "-" + i));
        return response.status() == 202;
      }, () -> BURST - jdbc.queryForObject("select count(*) from mention where incident_key = ?", Long.class,
          "facebook:burst-" + run), ""));
      drain(management);
      String target = incidents.open(new FirstMention("naive-0", "facebook", "naive-" + run, "@x", "text", null),
          figures(1));
      AtomicLong attempts = new AtomicLong();
      rates.put("burst on one thread: correlate per mention", measure(NAIVE, i -> {
        while (true) {
          attempts.incrementAndGet();
          try {
            incidents.reportNewActivity(target, figures(i + 2));
            return true;
          } catch (OptimisticLockingException conflict) {
            Thread.onSpinWait();
          }
        }
      }, () -> 0L, "retried until success"));
      Rate naive = rates.get("burst on one thread: correlate per mention");
      rates.put("burst on one thread: correlate per mention", new Rate(naive.perSecond(), naive.p50Micros(),
          naive.p99Micros(), 0, "retried until success, %.1f attempts per message".formatted(
              attempts.get() / (double) NAIVE)));
      return rates;
    }
  }

  private interface Call {
    boolean call(int index) throws Exception;
  }

  private interface Lost {
    long count() throws Exception;
  }

  private static Rate measure(int count, Call call, Lost lost, String note) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<Future<Boolean>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      int index = i;
      Callable<Boolean> task = () -> {
        long t0 = System.nanoTime();
        boolean ok = call.call(index);
        latencies.add((System.nanoTime() - t0) / 1_000);
        return ok;
      };
      futures.add(pool.submit(task));
    }
    long failed = 0;
    for (Future<Boolean> future : futures) {
      if (!future.get()) {
        failed++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    long lostCount = lost.count() + failed;
    return new Rate(count / seconds, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)),
        lostCount, note);
  }

  /** Waits until the job executor has worked off what the previous scenario left, so scenarios do not overlap. */
  private static void drain(ManagementService management) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 300_000;
    while (management.createJobQuery().executable().count() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
  }

  private static void warmUp(SignedMentionSender sender) throws Exception {
    for (int i = 0; i < 200; i++) {
      sender.send(mention("warmup-" + (i % 20), "warmup-" + System.nanoTime() + "-" + i));
    }
  }

  private static IncidentFigures figures(long mentions) {
    return new IncidentFigures(mentions, 0, 100, -0.2, List.of("customer-service"), false);
  }

  private static String mention(String thread, String externalId) {
    return """
        {"platform":"facebook","externalId":"%s","threadId":"%s","author":{"handle":"@b","followers":100},
         "text":"Wann kommt meine Bestellung?","createdAt":"2026-03-12T08:00:00Z","sentiment":-0.2,
         "topics":["customer-service"]}""".formatted(externalId, thread);
  }

  private static void print(Map<String, Map<String, Rate>> results) {
    var out = new StringBuilder("\n=== Chefsache intake benchmark (").append(SENDERS).append(" concurrent senders, ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores) ===\n");
    out.append(String.format("%-42s %-11s %10s %10s %10s %6s  %s%n", "scenario", "database", "per second",
        "p50 ms", "p99 ms", "lost", "note"));
    results.forEach((database, rates) -> rates.forEach((scenario, rate) -> out.append(String.format(
        "%-42s %-11s %10.0f %10.1f %10.1f %6d  %s%n", scenario, database, rate.perSecond(), rate.p50Micros() / 1000.0,
        rate.p99Micros() / 1000.0, rate.lost(), rate.note()))));
    results.forEach((database, rates) -> out.append(String.format(
        "%s: opening %.2f x raw engine; burst %.1f x correlate-per-mention%n", database,
        rates.get("open incidents: intake (HTTP)").perSecond()
            / rates.get("open incidents: raw engine (Java API)").perSecond(),
        rates.get("burst on one thread: intake (HTTP)").perSecond()
            / rates.get("burst on one thread: correlate per mention").perSecond())));
    System.out.println(out);
  }
}
