package io.chefsache.benchmark;

import io.chefsache.escalation.FirstMention;
import io.chefsache.escalation.IncidentFigures;
import io.chefsache.escalation.IncidentProcess;
import io.chefsache.replay.ReplayCommand;
import io.chefsache.support.EmbeddedPostgresDatabase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Intake throughput against the raw engine, on H2 and PostgreSQL in one run. Not a test: it prints
 * figures and asserts nothing. Run: {@code mvn -B verify -Pbenchmark}.
 *
 * <p>The scenarios first run as a warm-up, again and again until the JIT compiler has little left to
 * do (its threads take less than {@link #WARM_JIT_SHARE} of the CPU a pass takes) or {@link
 * #WARM_UP_LIMIT} has passed: on two slow cores C2 keeps compiling H2, the engine, Tomcat and Spring
 * for minutes, and it compiled more for the intake (more code on its path) than for the raw engine.
 * Then every scenario runs {@link #ROUNDS} times; the figure shown is the median round, with the
 * compiler threads' CPU per call beside it. The intake and the raw engine take turns at going first;
 * their ratio is taken within each round and the median of those is shown.
 */
class IntakeBenchmark {

  private static final int SENDERS = 8;
  private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
  private static final int OPENINGS = Integer.getInteger("benchmark.openings", 400);
  private static final int TRIAGED = Integer.getInteger("benchmark.triaged", 200);
  private static final int BURST = Integer.getInteger("benchmark.burst", 2_000);
  private static final int NAIVE = Integer.getInteger("benchmark.naive", 300);
  private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(Integer.getInteger("benchmark.warmupSeconds", 240));
  private static final double WARM_JIT_SHARE = 0.10;

  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private static final String TEXT = "Wann kommt meine Bestellung?";

  private static final String OPEN_INTAKE = "open incidents: intake (HTTP)";
  private static final String OPEN_WRK = "open incidents: intake (HTTP, wrk)";
  private static final String OPEN_RAW = "open incidents: raw engine (Java API)";
  private static final String TRIAGED_INTAKE = "open and triage: intake (HTTP)";
  private static final String TRIAGED_RAW = "open and triage: raw engine (Java API)";
  private static final String BURST_INTAKE = "burst on one thread: intake (HTTP)";
  private static final String BURST_WRK = "burst on one thread: intake (HTTP, wrk)";
  private static final String BURST_NAIVE = "burst on one thread: correlate per mention";
  private static final boolean WRK = WrkSender.installed();

  /**
   * One scenario's result; {@code cpuMicros}: CPU time of the whole JVM (application and sender) per call;
   * {@code jitMicros}: of that, the CPU time of the JIT compiler threads per call.
   */
  record Rate(double perSecond, long p50Micros, long p99Micros, long cpuMicros, long jitMicros, long lost,
      String note) {

    Rate withLost(long more) {
      return new Rate(perSecond, p50Micros, p99Micros, cpuMicros, jitMicros, lost + more, note);
    }

    Rate withNote(String more) {
      return new Rate(perSecond, p50Micros, p99Micros, cpuMicros, jitMicros, lost,
          more.isEmpty() ? note : note.isEmpty() ? more : note + "; " + more);
    }
  }

  /**
   * CPU time of this JVM and of its JIT compiler threads so far, to take the difference over a scenario.
   * The compilers' CPU comes from Linux ({@code /proc/self/task/<thread>/stat}, in clock ticks of 10 ms):
   * the JVM's own compilation time counts elapsed time, also while a compiler thread waits for a core.
   */
  record Usage(long cpuNanos, long jitNanos) {

    private static final long NANOS_PER_TICK = 10_000_000;

    static Usage now() throws IOException {
      long ticks = 0;
      try (var threads = Files.list(Path.of("/proc/self/task"))) {
        for (Path thread : threads.toList()) {
          try {
            String stat = Files.readString(thread.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            if (name.matches("C\\d CompilerThre.*")) {
              String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
          } catch (NoSuchFileException ended) {
            // a compiler thread the JVM stopped meanwhile (it stops idle ones): its time is missing here
          }
        }
      }
      return new Usage(CPU.getProcessCpuTime(), ticks * NANOS_PER_TICK);
    }

    long cpuMicrosSince(Usage start, int calls) {
      return (cpuNanos - start.cpuNanos) / 1_000 / calls;
    }

    long jitMicrosSince(Usage start, int calls) {
      return (jitNanos - start.jitNanos) / 1_000 / calls;
    }

    double jitShareSince(Usage start) {
      return (jitNanos - start.jitNanos) / (double) (cpuNanos - start.cpuNanos);
    }
  }

  @Test
  void intakeAgainstRawEngine() throws Exception {
    List<String> databases = List.of(System.getProperty("benchmark.databases", "h2,postgres").split(","));
    Map<String, Measured> results = new LinkedHashMap<>();
    if (databases.contains("h2")) {
      results.put("H2 (file)", run(List.of("CHEFSACHE_DATA_DIR=./target/benchmark-h2/" + System.nanoTime()), "demo"));
    }
    if (databases.contains("postgres")) {
      String postgres = EmbeddedPostgresDatabase.newDatabase();
      results.put("PostgreSQL", run(List.of("CHEFSACHE_DB_URL=" + postgres,
          "CHEFSACHE_DB_USER=postgres", "CHEFSACHE_DB_PASSWORD=postgres"), "demo", "postgres"));
    }
    print(results);
    BenchmarkTargets targets = new BenchmarkTargets("intake benchmark");
    results.forEach((database, measured) -> {
      var rates = measured.rates();
      targets.atLeast(database + ": opening, intake vs raw engine", measured.medianRatio(OPEN_INTAKE), 0.8, "x")
          .atLeast(database + ": burst on one thread vs correlate per mention",
              rates.get(BURST_INTAKE).perSecond() / rates.get(BURST_NAIVE).perSecond(), 3, "x")
          .atMost(database + ": mentions lost", rates.values().stream().mapToLong(Rate::lost).sum(), 0, "");
    });
    targets.check();
  }

  /**
   * One database's figures: the median round of every scenario, and the ratios of the intake to the
   * raw engine taken round by round (both rows of a pair ran back to back, so a shared machine's
   * drift in speed between rounds cancels out).
   */
  record Measured(Map<String, Rate> rates, Map<String, List<Double>> pairedRatios) {

    double medianRatio(String pair) {
      List<Double> sorted = pairedRatios.get(pair).stream().sorted().toList();
      return sorted.get(sorted.size() / 2);
    }

    String ratios(String pair) {
      return String.join(" / ", pairedRatios.get(pair).stream().map(r -> "%.2f".formatted(r)).toList());
    }
  }

  private Measured run(List<String> database, String... profiles) throws Exception {
    try (ConfigurableApplicationContext app = BenchmarkApplication.start(database, profiles)) {
      URI baseUri = BenchmarkApplication.baseUri(app);
      try (var sender = new PresignedSender(baseUri, ReplayCommand.DEMO_SECRET, SENDERS)) {
        var scenarios = new Scenarios(app, baseUri, sender);
        String warmUp = scenarios.warmUp();

        Map<String, List<Rate>> rounds = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
          Map<String, Rate> thisRound = new LinkedHashMap<>(scenarios.openings(OPENINGS, round % 2 == 0, false));
          thisRound.putAll(scenarios.openings(TRIAGED, round % 2 == 0, true));
          thisRound.put(BURST_INTAKE, scenarios.burst(BURST));
          if (WRK) {
            thisRound.put(BURST_WRK, scenarios.burstFromWrk(BURST));
          }
          int shown = round + 1;
          thisRound.forEach((scenario, rate) -> {
            rounds.computeIfAbsent(scenario, s -> new ArrayList<>()).add(rate);
            System.out.printf("round %d: %-42s %6.0f per s, %d lost %s%n", shown, scenario, rate.perSecond(),
                rate.lost(), rate.note());
          });
        }
        Map<String, Rate> rates = new LinkedHashMap<>();
        rounds.forEach((scenario, results) -> rates.put(scenario, median(results)));
        rates.put(BURST_NAIVE, scenarios.naive(NAIVE));
        rates.put(OPEN_INTAKE, rates.get(OPEN_INTAKE).withNote(warmUp));
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        ratios.put(OPEN_INTAKE, paired(rounds.get(OPEN_INTAKE), rounds.get(OPEN_RAW)));
        if (WRK) {
          ratios.put(OPEN_WRK, paired(rounds.get(OPEN_WRK), rounds.get(OPEN_RAW)));
        }
        ratios.put(TRIAGED_INTAKE, paired(rounds.get(TRIAGED_INTAKE), rounds.get(TRIAGED_RAW)));
        return new Measured(rates, ratios);
      }
    }
  }

  /** The scenarios against one running application. */
  private static final class Scenarios {

    private final URI baseUri;
    private final PresignedSender sender;
    private final IncidentProcess incidents;
    private final RuntimeService runtimeService;
    private final JdbcTemplate jdbc;
    private final ManagementService management;
    private final JobExecutor jobExecutor;

    Scenarios(ConfigurableApplicationContext app, URI baseUri, PresignedSender sender) {
      this.baseUri = baseUri;
      this.sender = sender;
      this.incidents = app.getBean(IncidentProcess.class);
      this.runtimeService = app.getBean(RuntimeService.class);
      this.jdbc = app.getBean(JdbcTemplate.class);
      this.management = app.getBean(ManagementService.class);
      this.jobExecutor = ((ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
          .getProcessEngineConfiguration()).getJobExecutor();
    }

    /**
     * Runs the scenarios until the JIT compiler is nearly done with them, or for {@link #WARM_UP_LIMIT}.
     *
     * @return what the warm-up did, for the notes
     */
    String warmUp() throws Exception {
      naive(100);
      long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
      int passes = 0;
      double jitShare;
      do {
        Usage start = Usage.now();
        openings(200, passes % 2 == 0, false);
        openings(60, passes % 2 == 0, true);
        burst(1_000);
        if (WRK) {
          burstFromWrk(1_000);
        }
        jitShare = Usage.now().jitShareSince(start);
        passes++;
      } while (jitShare > WARM_JIT_SHARE && System.nanoTime() < deadline);
      return "warm-up: %d passes, JIT %.0f %% of the last one's CPU".formatted(passes, jitShare * 100);
    }

    /**
     * Opens {@code count} incidents through the intake and as many through the Java API. Without
     * {@code triage}, the job executor is paused for both rows, so they compare the synchronous paths
     * (triage runs afterwards). With it, the job executor runs and each row's clock stops when it has
     * worked off everything the openings caused (triage, first tasks, notifications): what a node
     * sustains while new threads keep coming.
     */
    Map<String, Rate> openings(int count, boolean intakeFirst, boolean triage) throws Exception {
      String prefix = (triage ? "tri-" : "open-") + runId() + "-";
      String wrkPrefix = "wrk" + prefix;
      var signed = sender.sign(IntStream.range(0, count).mapToObj(i -> mention(prefix + i, prefix + i)).toList());
      WrkSender.Completion settle = triage ? this::drain : () -> { };
      String intakeRow = triage ? TRIAGED_INTAKE : OPEN_INTAKE;
      String rawRow = triage ? TRIAGED_RAW : OPEN_RAW;
      Map<String, Rate> rates = new LinkedHashMap<>();
      if (!triage) {
        jobExecutor.shutdown();
      }
      for (boolean intake : intakeFirst ? List.of(true, false) : List.of(false, true)) {
        if (intake) {
          rates.put(intakeRow, measure(count, i -> sender.send(signed.get(i)) == 202, settle));
          if (!triage && WRK) {
            rates.put(OPEN_WRK, fromWrk(sender.sign(IntStream.range(0, count)
                .mapToObj(i -> mention(wrkPrefix + i, wrkPrefix + i)).toList()), "facebook:" + wrkPrefix + "%"));
          }
        } else {
          rates.put(rawRow, measure(count, i -> {
            incidents.open(new FirstMention("raw-" + i, "facebook", "raw-" + prefix + i, "@b", TEXT, null), figures(1));
            return true;
          }, settle));
        }
      }
      if (!triage) {
        jobExecutor.start();
        drain();
      }
      long done = jdbc.queryForObject(triage
          ? "select count(*) from incident i join incident_level l on l.process_instance_id = i.process_instance_id"
              + " where i.incident_key like ?"
          : "select count(*) from incident where incident_key like ?", Long.class, "facebook:" + prefix + "%");
      rates.put(intakeRow, rates.get(intakeRow).withLost(count - done));
      rates.computeIfPresent(OPEN_WRK, (row, rate) -> rate.withLost(count - jdbc.queryForObject(
          "select count(*) from incident where incident_key like ?", Long.class, "facebook:" + wrkPrefix + "%")));
      return rates;
    }

    /** {@code count} mentions of one new thread from 8 senders in this JVM, the job executor running. */
    Rate burst(int count) throws Exception {
      String thread = "burst-" + runId();
      var signed = sender.sign(IntStream.range(0, count).mapToObj(i -> mention(thread, thread + "-" + i)).toList());
      Rate rate = measure(count, i -> sender.send(signed.get(i)) == 202);
      return settled(thread, count, rate);
    }

    /** The same burst from wrk, 8 connections from another process. */
    Rate burstFromWrk(int count) throws Exception {
      String thread = "wrk-" + runId();
      var signed = sender.sign(IntStream.range(0, count).mapToObj(i -> mention(thread, thread + "-" + i)).toList());
      return settled(thread, count, fromWrk(signed, "facebook:" + thread));
    }

    /**
     * Sends {@code signed} from wrk and waits until all of them are stored under incidents whose key
     * is like {@code keyPattern}. The rate is taken from the database: the first and the last of the
     * mentions stored.
     */
    private Rate fromWrk(List<PresignedSender.Signed> signed, String keyPattern) throws Exception {
      int count = signed.size();
      Usage start = Usage.now();
      Usage[] end = new Usage[1];
      var result = WrkSender.send(baseUri, signed, SENDERS, () -> {
        long deadline = System.currentTimeMillis() + 300_000;
        while (stored(keyPattern) < count && System.currentTimeMillis() < deadline) {
          Thread.sleep(20);
        }
        end[0] = Usage.now();
      });
      double seconds = jdbc.queryForObject(
          "select min(received_at), max(received_at) from mention where incident_key like ?",
          (rs, row) -> Duration.between(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()).toNanos() / 1e9,
          keyPattern);
      return new Rate((count - 1) / seconds, result.p50Micros(), result.p99Micros(), end[0].cpuMicrosSince(start, count),
          end[0].jitMicrosSince(start, count), result.failed(), "CPU ms without the sender");
    }

    /** Counts what was lost and waits until the incident's process counts every mention. */
    private Rate settled(String thread, int count, Rate rate) throws Exception {
      String key = "facebook:" + thread;
      String processInstanceId = jdbc.queryForObject(
          "select process_instance_id from incident where incident_key = ?", String.class, key);
      long start = System.nanoTime();
      Object counted = null;
      while (System.nanoTime() - start < 60_000_000_000L
          && !Long.valueOf(count).equals(counted = runtimeService.getVariable(processInstanceId, "mentionCount"))) {
        Thread.sleep(50);
      }
      double catchUp = (System.nanoTime() - start) / 1e9;
      long stored = stored(key);
      drain();
      return rate.withLost(count - stored).withNote("process counts %s of %d, %.1f s after the last answer"
          .formatted(counted, count, catchUp));
    }

    private long stored(String keyPattern) {
      return jdbc.queryForObject("select count(*) from mention where incident_key like ?", Long.class, keyPattern);
    }

    /** Correlates one message per mention to one waiting instance from 8 threads, retrying each conflict. */
    Rate naive(int count) throws Exception {
      String target = incidents.open(new FirstMention("naive-0", "facebook", "naive-" + runId(), "@x", "text", null),
          figures(1));
      drain();
      AtomicLong attempts = new AtomicLong();
      Rate rate = measure(count, i -> {
        while (true) {
          attempts.incrementAndGet();
          try {
            incidents.reportNewActivity(target, figures(i + 2));
            return true;
          } catch (OptimisticLockingException conflict) {
            Thread.onSpinWait();
          }
        }
      });
      drain();
      return rate.withNote("retried until success, %.1f attempts per message".formatted(
          attempts.get() / (double) count));
    }

    /** Waits until the job executor has worked off what a scenario left, so scenarios do not overlap. */
    private void drain() throws InterruptedException {
      long deadline = System.currentTimeMillis() + 600_000;
      while (management.createJobQuery().executable().count() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
    }
  }

  private interface Call {
    boolean call(int index) throws Exception;
  }

  /**
   * Runs {@code count} calls from {@link #SENDERS} threads, each taking the next call when its last one is
   * done; the clock stops with the last call.
   */
  private static Rate measure(int count, Call call) throws Exception {
    return measure(count, call, () -> { });
  }

  /** As {@link #measure(int, Call)}, the clock stopping when {@code settle} returns after the last call. */
  private static Rate measure(int count, Call call, WrkSender.Completion settle) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Usage usage = Usage.now();
    long start = System.nanoTime();
    List<Future<?>> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      senders.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          long t0 = System.nanoTime();
          if (!call.call(i)) {
            failed.incrementAndGet();
          }
          latencies[i] = (System.nanoTime() - t0) / 1_000;
        }
        return null;
      }));
    }
    for (Future<?> sender : senders) {
      sender.get();
    }
    settle.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    Usage end = Usage.now();
    pool.shutdown();
    Arrays.sort(latencies);
    return new Rate(count / seconds, latencies[count / 2], latencies[(int) (count * 0.99)],
        end.cpuMicrosSince(usage, count), end.jitMicrosSince(usage, count), failed.get(), "");
  }

  private static List<Double> paired(List<Rate> intake, List<Rate> raw) {
    return IntStream.range(0, intake.size()).mapToObj(i -> intake.get(i).perSecond() / raw.get(i).perSecond()).toList();
  }

  private static Rate median(List<Rate> rounds) {
    List<Rate> sorted = rounds.stream().sorted(Comparator.comparingDouble(Rate::perSecond)).toList();
    String all = String.join(" / ", rounds.stream().map(r -> "%.0f".formatted(r.perSecond())).toList());
    long lost = rounds.stream().mapToLong(Rate::lost).sum();
    Rate median = sorted.get(sorted.size() / 2);
    return new Rate(median.perSecond(), median.p50Micros(), median.p99Micros(), median.cpuMicros(),
        median.jitMicros(), lost, "median of rounds %s per s".formatted(all)).withNote(median.note());
  }

  private static String runId() {
    return Long.toString(System.nanoTime(), 36);
  }

  /** The figures the intake computes for {@code mentions} of {@link #mention}: the same triage, the same path. */
  private static IncidentFigures figures(long mentions) {
    return new IncidentFigures(mentions, mentions, 100, -0.2, List.of("customer-service"), false);
  }

  private static String mention(String thread, String externalId) {
    return """
        {"platform":"facebook","externalId":"%s","threadId":"%s","author":{"handle":"@b","followers":100},
         "text":"%s","createdAt":"2026-03-12T08:00:00Z","sentiment":-0.2,
         "topics":["customer-service"]}""".formatted(externalId, thread, TEXT).replace("\n", "");
  }

  private static void print(Map<String, Measured> results) {
    var out = new StringBuilder("\n=== Chefsache intake benchmark (").append(SENDERS).append(" concurrent senders, ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, median of ").append(ROUNDS)
        .append(" rounds) ===\n");
    out.append(String.format("%-42s %-11s %10s %8s %8s %8s %7s %6s  %s%n", "scenario", "database", "per second",
        "p50 ms", "p99 ms", "CPU ms", "JIT ms", "lost", "note"));
    results.forEach((database, measured) -> measured.rates().forEach((scenario, rate) -> out.append(String.format(
        "%-42s %-11s %10.0f %8.1f %8.1f %8.2f %7.2f %6d  %s%n", scenario, database, rate.perSecond(),
        rate.p50Micros() / 1000.0, rate.p99Micros() / 1000.0, rate.cpuMicros() / 1000.0, rate.jitMicros() / 1000.0,
        rate.lost(), rate.note()))));
    out.append("CPU ms: CPU time of the benchmark's JVM (application and sender) per call, on all cores; JIT ms:\n"
        + "  of that, the CPU time of the JIT compiler's threads per call\n");
    out.append(WRK ? "" : "wrk is not installed (apt-get install wrk): no openings or burst from another process\n");
    out.append("x raw engine: the median of the rounds' ratios, each round's intake and raw engine run back to back\n");
    results.forEach((database, measured) -> {
      var rates = measured.rates();
      out.append(String.format("%s: opening %.2f x raw engine (rounds %s)", database,
          measured.medianRatio(OPEN_INTAKE), measured.ratios(OPEN_INTAKE)));
      if (rates.containsKey(OPEN_WRK)) {
        out.append(String.format(", %.2f x with wrk (%s)", measured.medianRatio(OPEN_WRK), measured.ratios(OPEN_WRK)));
      }
      out.append(String.format(", %.2f x with triage (%s); burst %.1f x correlate-per-mention",
          measured.medianRatio(TRIAGED_INTAKE), measured.ratios(TRIAGED_INTAKE),
          rates.get(BURST_INTAKE).perSecond() / rates.get(BURST_NAIVE).perSecond()));
      if (rates.containsKey(BURST_WRK)) {
        out.append(String.format(" (%.1f x with wrk)", rates.get(BURST_WRK).perSecond()
            / rates.get(BURST_NAIVE).perSecond()));
      }
      out.append('\n');
    });
    System.out.println(out);
  }
}
