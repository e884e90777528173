package io.chefsache.benchmark;

import io.chefsache.replay.ReplayCommand;
import io.chefsache.support.EmbeddedPostgresDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A long shitstorm at a steady pace: {@value #DEFAULT_MENTIONS} mentions over {@value #THREADS}
 * threads in {@value #DEFAULT_SECONDS} s from {@value #SENDERS} senders, a third of them on one viral
 * thread and half on the threads of one story (one dominant situation), the rest routine traffic.
 * Before it, {@code benchmark.warmupSeconds} (60) of the same traffic on other threads let the JIT
 * compiler do its work, so the first minute measures the application, not the compiler.
 * Not a test: it prints figures and asserts nothing. It shows that the figures kept incrementally
 * stay exact and cheap: CPU per mention in the last minute against the first, p99 answer time per
 * minute, lost mentions, and the processes' figures against a count over all stored mentions.
 * Run: {@code mvn -B verify -Pbenchmark -Dit.test=SustainedShitstormBenchmark}.
 */
class SustainedShitstormBenchmark {

  private static final int SENDERS = 8;
  private static final int THREADS = 1_000;
  private static final int STORY_THREADS = 300;
  private static final int DEFAULT_MENTIONS = 300_000;
  private static final int DEFAULT_SECONDS = 300;
  private static final int MENTIONS = Integer.getInteger("benchmark.sustainedMentions", DEFAULT_MENTIONS);
  private static final int SECONDS = Integer.getInteger("benchmark.sustainedSeconds", DEFAULT_SECONDS);
  private static final int WARM_UP_SECONDS = Integer.getInteger("benchmark.warmupSeconds", 60);
  private static final String STORY = "bench-viral";

  @Test
  void longShitstormAtASteadyPace() throws Exception {
    List<String> databases = List.of(System.getProperty("benchmark.databases", "h2,postgres").split(","));
    List<String> report = new ArrayList<>();
    if (databases.contains("h2")) {
      Path dataDir = Path.of(".", "target", "benchmark-h2", Long.toString(System.nanoTime()));
      report.addAll(run("H2 (file)", List.of("CHEFSACHE_DATA_DIR=" + dataDir), "demo"));
      report.add("  H2 file after the application stopped (compacted): %d MB".formatted(
          Files.size(dataDir.resolve("chefsache.mv.db")) >> 20));
    }
    if (databases.contains("postgres")) {
      report.addAll(run("PostgreSQL", List.of("CHEFSACHE_DB_URL=" + EmbeddedPostgresDatabase.newDatabase(),
          "CHEFSACHE_DB_USER=postgres", "CHEFSACHE_DB_PASSWORD=postgres"), "demo", "postgres"));
    }
    System.out.printf("%n%d mentions over %d threads in %d s target, %d senders%n", MENTIONS, THREADS, SECONDS,
        SENDERS);
    report.forEach(System.out::println);
  }

  private List<String> run(String name, List<String> database, String... profiles) throws Exception {
    try (ConfigurableApplicationContext app = BenchmarkApplication.start(database, profiles)) {
      URI baseUri = BenchmarkApplication.baseUri(app);
      String prefix = Long.toString(System.nanoTime(), 36) + "-";
      try (var sender = new PresignedSender(baseUri, ReplayCommand.DEMO_SECRET, SENDERS)) {
        send(sender, "warm-" + prefix, MENTIONS / SECONDS * WARM_UP_SECONDS, WARM_UP_SECONDS);
        Paced paced = send(sender, prefix, MENTIONS, SECONDS);
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        List<String> lines = new ArrayList<>();
        lines.add("%s: %d answered 202 in %.0f s (%.0f per s), %d failed, %d lost".formatted(name, paced.accepted(),
            paced.seconds(), paced.accepted() / paced.seconds(), paced.failed(),
            paced.accepted() - stored(jdbc, prefix)));
        lines.addAll(paced.minutes());
        lines.addAll(exactness(app, jdbc, prefix));
        String url = jdbc.execute((ConnectionCallback<String>) connection -> connection.getMetaData().getURL());
        if (url.startsWith("jdbc:h2:file:")) {
          int settings = url.indexOf(';');
          Path file = Path.of(url.substring("jdbc:h2:file:".length(), settings < 0 ? url.length() : settings) + ".mv.db");
          lines.add("  H2 file while running: %d MB".formatted(Files.size(file) >> 20));
        }
        return lines;
      }
    }
  }

  record Paced(long accepted, long failed, double seconds, List<String> minutes) {
  }

  /**
   * Sends every mention at its time (mention {@code i} at {@code i / rate} seconds), each sender taking
   * the next due mention; a sender that falls behind sends at once. Per minute: answers, p99, and the
   * JVM's CPU per answer (the senders' signing and sending included, the same in every minute).
   */
  private static Paced send(PresignedSender sender, String prefix, int mentions, int seconds) throws Exception {
    double perSecond = mentions / (double) seconds;
    int minutes = (int) Math.ceil(seconds / 60.0) + 30;
    AtomicLongArray answered = new AtomicLongArray(minutes);
    long[] latencies = new long[mentions];
    int[] minuteOf = new int[mentions];
    long[] cpuAtMinute = new long[minutes + 1];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    long start = System.nanoTime();
    cpuAtMinute[0] = IntakeBenchmark.Usage.now().cpuNanos();
    var sampler = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger minute = new AtomicInteger();
    sampler.scheduleAtFixedRate(() -> {
      try {
        int m = minute.incrementAndGet();
        if (m < cpuAtMinute.length) {
          cpuAtMinute[m] = IntakeBenchmark.Usage.now().cpuNanos();
        }
      } catch (IOException unreadable) {
        throw new IllegalStateException(unreadable);
      }
    }, 60, 60, TimeUnit.SECONDS);
    List<Future<?>> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      senders.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < mentions; i = next.getAndIncrement()) {
          long due = start + (long) (i / perSecond * 1e9);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          var signed = sender.sign(List.of(mention(prefix, i))).get(0);
          long t0 = System.nanoTime();
          int status = sender.send(signed);
          long t1 = System.nanoTime();
          int m = Math.min((int) ((t1 - start) / 60_000_000_000L), minutes - 1);
          if (status == 202) {
            answered.incrementAndGet(m);
            latencies[i] = (t1 - t0) / 1_000;
            minuteOf[i] = m;
          } else {
            minuteOf[i] = -1;
            failed.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> s : senders) {
      s.get();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    sampler.shutdownNow();
    pool.shutdown();
    List<String> lines = new ArrayList<>();
    long total = 0;
    int fullMinutes = Math.min(minute.get(), minutes);
    for (int m = 0; m < fullMinutes; m++) {
      long count = answered.get(m);
      total += count;
      int thisMinute = m;
      long[] sorted = IntStream.range(0, mentions).filter(i -> minuteOf[i] == thisMinute).mapToLong(i -> latencies[i])
          .sorted().toArray();
      long cpu = cpuAtMinute[m + 1] - cpuAtMinute[m];
      lines.add("  minute %d: %6d answered, p50 %5.1f ms, p99 %6.1f ms, CPU %4.0f µs per mention".formatted(m + 1,
          count, count == 0 ? 0 : sorted[(int) (count / 2)] / 1e3, count == 0 ? 0 : sorted[(int) (count * 0.99)] / 1e3,
          count == 0 ? 0 : cpu / 1e3 / count));
    }
    for (int m = fullMinutes; m < minutes; m++) {
      total += answered.get(m);
    }
    if (fullMinutes >= 2) {
      double first = (cpuAtMinute[1] - cpuAtMinute[0]) / (double) answered.get(0);
      double last = (cpuAtMinute[fullMinutes] - cpuAtMinute[fullMinutes - 1]) / (double) answered.get(fullMinutes - 1);
      lines.add("  CPU per mention, last full minute against the first: %.2f".formatted(last / first));
    }
    return new Paced(total, failed.get(), elapsed, lines);
  }

  /**
   * Waits until every mention is counted and reported, then compares the processes' figures (of the
   * viral thread, the situation, and every thread) with a count over all stored mentions.
   */
  private static List<String> exactness(ConfigurableApplicationContext app, JdbcTemplate jdbc, String prefix)
      throws InterruptedException {
    RuntimeService runtime = app.getBean(RuntimeService.class);
    long deadline = System.currentTimeMillis() + 600_000;
    long settleStart = System.nanoTime();
    while (System.currentTimeMillis() < deadline && jdbc.queryForObject("""
        select count(*) from incident where incident_key like ? and (mention_count <> reported_count
          or exists (select 1 from mention m where m.incident_key = incident.incident_key and m.counted = false))""",
        Long.class, "%:" + prefix + "%") > 0) {
      Thread.sleep(200);
    }
    double settled = (System.nanoTime() - settleStart) / 1e9;
    Thread.sleep(3_000);
    Timestamp windowStart = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(59, ChronoUnit.MINUTES));
    List<String> wrong = new ArrayList<>();
    List<Map<String, Object>> expected = jdbc.queryForList("""
        select i.incident_key, i.process_instance_id, count(*) mentions,
               sum(case when m.sentiment < 0 and m.received_at >= ? then 1 else 0 end) negative,
               max(m.author_followers) reach
        from incident i join mention m on m.incident_key = i.incident_key
        where i.incident_key like ? group by i.incident_key, i.process_instance_id""", windowStart, "%:" + prefix + "%");
    for (Map<String, Object> thread : expected) {
      String instance = (String) thread.get("process_instance_id");
      if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 0) {
        continue;
      }
      compare(wrong, (String) thread.get("incident_key"), runtime.getVariables(instance), thread);
    }
    String situationKey = jdbc.queryForObject("""
        select situation_key from situation_story where story_key = ?""", String.class, "story-" + STORY + prefix);
    Map<String, Object> situation = jdbc.queryForMap("""
        select count(*) mentions, sum(case when m.sentiment < 0 and m.received_at >= ? then 1 else 0 end) negative,
               max(m.author_followers) reach
        from situation_thread t join mention m on m.incident_key = t.incident_key where t.situation_key = ?""",
        windowStart, situationKey);
    String situationInstance = jdbc.queryForObject("select process_instance_id from situation where situation_key = ?",
        String.class, situationKey);
    long threads = jdbc.queryForObject("select count(*) from situation_thread where situation_key = ?", Long.class,
        situationKey);
    Map<String, Object> situationFigures = runtime.getVariables(situationInstance);
    compare(wrong, "situation " + situationKey, situationFigures, situation);
    return List.of(
        "  all counted and reported %.1f s after the last answer; %d thread(s) compared, %d situation".formatted(
            settled, expected.size(), 1),
        "  situation: %s mentions, %s negative in 60 min, %d of %d story threads, process says %s / %s / %s threads"
            .formatted(situation.get("mentions"), situation.get("negative"), threads, STORY_THREADS,
                situationFigures.get("mentionCount"), situationFigures.get("negativeMentions60m"),
                situationFigures.get("threadCount")),
        "  figures exact: " + (wrong.isEmpty() ? "yes" : "NO, " + wrong.size() + ": " + wrong.subList(0,
            Math.min(5, wrong.size()))));
  }

  private static void compare(List<String> wrong, String what, Map<String, Object> figures,
      Map<String, Object> expected) {
    boolean same = ((Number) expected.get("mentions")).longValue() == (Long) figures.get("mentionCount")
        && ((Number) expected.get("negative")).longValue() == (Long) figures.get("negativeMentions60m")
        && Objects.equals(((Number) expected.get("reach")).longValue(), figures.get("highestReach"));
    if (!same) {
      wrong.add("%s: stored %s, process %s/%s/%s".formatted(what, expected, figures.get("mentionCount"),
          figures.get("negativeMentions60m"), figures.get("highestReach")));
    }
  }

  private static long stored(JdbcTemplate jdbc, String prefix) {
    return jdbc.queryForObject("select count(*) from mention where external_id like ?", Long.class, prefix + "%");
  }

  /**
   * Mention {@code i}: a third on the viral thread, half on the other threads of its story (shares on
   * six platforms), the rest on routine threads without a story.
   */
  private static String mention(String prefix, int i) {
    SplittableRandom random = new SplittableRandom(i);
    String[] platforms = {"facebook", "instagram", "x", "tiktok", "youtube", "linkedin"};
    int roll = random.nextInt(6);
    int thread = roll < 2 ? 0 : roll < 5 ? 1 + random.nextInt(STORY_THREADS - 1)
        : STORY_THREADS + random.nextInt(THREADS - STORY_THREADS);
    boolean story = thread < STORY_THREADS;
    double sentiment = story ? -0.9 + random.nextDouble(0.8) : -0.3 + random.nextDouble(0.9);
    return """
        {"platform":"%s","externalId":"%s%d","threadId":"%sthread-%d","author":{"handle":"@user%d","followers":%d},
         "text":"Mention %d","createdAt":"2026-03-12T08:00:00Z","sentiment":%.2f,"topics":["%s"]%s}"""
        .formatted(platforms[thread % platforms.length], prefix, i, prefix, thread, i % 5_000,
            random.nextLong(50_000), i, sentiment, story ? "product-safety" : "customer-service",
            story ? ",\"storyId\":\"" + STORY + prefix + "\"" : "").replace("\n", "");
  }
}
