package io.chefsache.intake;

import static io.chefsache.support.MentionJson.mention;
import static io.chefsache.support.MentionJson.uniqueThread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.replay.SignedMentionSender;
import io.chefsache.support.EmbeddedPostgresDatabase;
import io.chefsache.support.MentionJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.util.TestSocketUtils;

/**
 * README promises that 202 means committed. Here the application runs as a process of its own (the
 * packaged jar), a burst of mentions on one thread arrives from 8 senders, and after about 1,000
 * answers the process is killed with SIGKILL: no shutdown hook, no last flush. Restarted on the same
 * database, it must have every mention it answered with 2xx, exactly once. On H2 this holds because
 * the intake answers only after a checkpoint that began after the mention's commit
 * ({@code DurableAcknowledgement}); H2 itself writes commits only every 100 ms (application.yaml).
 */
class CrashDurabilityIT {

  private static final int BURST = 2_000;
  private static final int KILL_AFTER_ANSWERS = 1_000;
  private static final int NEVER = Integer.MAX_VALUE;
  private static final int SENDERS = 8;
  private static final int SIGKILL_EXIT = 128 + 9;
  private static final Duration START_PATIENCE = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** The Spring Boot jar that `package` built; Failsafe runs after it (see pom.xml). */
  private static final Path JAR = Path.of(Objects.requireNonNull(System.getProperty("chefsache.jar"),
      "system property chefsache.jar (set by Failsafe in pom.xml): run this test with mvn verify"));

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killWhateverStillRuns() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void onH2EveryAcknowledgedMentionSurvivesAKillOfTheProcess(@TempDir Path dataDir) throws Exception {
    // the default URL of application.yaml, only its folder changed: that URL is what is tested
    var h2 = new Database("h2", Map.of("CHEFSACHE_DATA_DIR", dataDir.toString()), "demo",
        "jdbc:h2:file:" + dataDir.resolve("chefsache"), "sa", "");
    killMidBurstRestartAndCheck(h2);
  }

  @Test
  void onPostgresEveryAcknowledgedMentionSurvivesAKillOfTheProcess() throws Exception {
    // the server runs in this JVM and outlives the killed application, as a database server does
    String url = EmbeddedPostgresDatabase.newDatabase();
    var postgres = new Database("postgres", Map.of("CHEFSACHE_DB_URL", url, "CHEFSACHE_DB_USER", "postgres",
        "CHEFSACHE_DB_PASSWORD", "postgres"), "demo,postgres", url, "postgres", "postgres");
    killMidBurstRestartAndCheck(postgres);
  }

  private void killMidBurstRestartAndCheck(Database database) throws Exception {
    String thread = uniqueThread("crash");
    List<MentionJson> mentions = IntStream.range(0, BURST).mapToObj(i -> mention(thread).negative()).toList();

    App first = start(database, "killed");
    Map<String, Answer> beforeKill = burst(first, mentions, KILL_AFTER_ANSWERS);
    assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.process.exitValue()).as("exit status of the killed application").isEqualTo(SIGKILL_EXIT);
    assertThat(beforeKill.values()).extracting(Answer::status).containsOnly(202);
    assertThat(beforeKill).as("answers before the kill: the kill came mid-burst")
        .hasSizeBetween(KILL_AFTER_ANSWERS, BURST - 1);

    App restarted = start(database, "restarted");
    Map<String, Answer> afterRestart = burst(restarted, mentions, NEVER);

    List<String> lost = beforeKill.keySet().stream().filter(externalId -> {
      Answer again = afterRestart.get(externalId);
      return again == null || !again.duplicate() || !again.mentionId().equals(beforeKill.get(externalId).mentionId());
    }).sorted().toList();
    System.out.printf("%s: killed after %d answers; after the restart %d of them were missing%n", database.name(),
        beforeKill.size(), lost.size());
    assertThat(lost).withFailMessage(() -> String.format("%d of %d mentions answered 202 before the kill are missing "
        + "after the restart (delivered again, they were accepted as new), e.g. %s; all were answered within the "
        + "last %d ms before the kill", lost.size(), beforeKill.size(), lost.subList(0, Math.min(5, lost.size())),
        lost.stream().mapToLong(id -> TimeUnit.NANOSECONDS.toMillis(first.killedAt - beforeKill.get(id).at()))
            .max().orElse(0))).isEmpty();
    assertThat(afterRestart).hasSize(BURST);
    assertThat(afterRestart.values()).extracting(Answer::status).containsOnly(200, 202);
    List<Answer> all = new ArrayList<>(beforeKill.values());
    all.addAll(afterRestart.values());
    assertThat(all).extracting(Answer::processInstanceId).as("one incident, one process instance").containsOnly(
        all.get(0).processInstanceId());
    String incidentKey = "facebook:" + thread;
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(mentionCountOfTheProcess(restarted, incidentKey)).isEqualTo(BURST));

    restarted.stop();
    Map<String, String> stored = storedMentions(database, incidentKey);
    assertThat(stored).as("mentions stored, external id to mention id")
        .hasSize(BURST)
        .containsOnlyKeys(mentions.stream().map(MentionJson::externalId).toList());
    beforeKill.forEach((externalId, answer) -> assertThat(stored.get(externalId)).as(externalId)
        .isEqualTo(answer.mentionId()));
  }

  /** The application's answer to one delivery, and when it arrived ({@link System#nanoTime()}). */
  private record Answer(int status, String mentionId, String processInstanceId, boolean duplicate, long at) {

    static Answer of(SignedMentionSender.Response response) throws IOException {
      long at = System.nanoTime();
      if (response.status() != 200 && response.status() != 202) {
        return new Answer(response.status(), null, null, false, at);
      }
      JsonNode body = JSON.readTree(response.body());
      return new Answer(response.status(), body.get("mentionId").asText(), body.get("processInstanceId").asText(),
          body.get("duplicate").asBoolean(), at);
    }
  }

  /**
   * Delivers {@code mentions} from {@value SENDERS} concurrent senders; kills the application when
   * {@code killAfterAnswers} have been answered. Returns every answer by external id: once the
   * application is killed, deliveries fail, and those mentions have none.
   */
  private Map<String, Answer> burst(App app, List<MentionJson> mentions, int killAfterAnswers) throws Exception {
    SignedMentionSender sender = MentionJson.demoSender(app.port);
    Map<String, Answer> answers = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    try {
      List<Future<?>> senders = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        senders.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < mentions.size() && !app.killed.get(); i = next.getAndIncrement()) {
            MentionJson mention = mentions.get(i);
            SignedMentionSender.Response response;
            try {
              response = sender.send(mention.json());
            } catch (IOException e) {
              if (app.killed.get()) {
                return null;
              }
              throw e;
            }
            answers.put(mention.externalId(), Answer.of(response));
            if (answered.incrementAndGet() == killAfterAnswers) {
              app.kill();
            }
          }
          return null;
        }));
      }
      for (Future<?> future : senders) {
        future.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    return answers;
  }

  private record Database(String name, Map<String, String> environment, String profiles, String jdbcUrl,
      String user, String password) {
  }

  /** Chefsache as an operator runs it: {@code java -jar}, configured through environment variables. */
  private static final class App {

    final Process process;
    final int port;
    final int managementPort;
    final Path log;
    final AtomicBoolean killed = new AtomicBoolean();
    volatile long killedAt;

    App(Process process, int port, int managementPort, Path log) {
      this.process = process;
      this.port = port;
      this.managementPort = managementPort;
      this.log = log;
    }

    /** SIGKILL: {@link Process#destroyForcibly()} on Linux; the exit status 137 confirms it. */
    void kill() {
      killedAt = System.nanoTime();
      killed.set(true);
      process.destroyForcibly();
    }

    /** SIGTERM: Spring Boot shuts down and the database is closed cleanly. */
    void stop() throws InterruptedException {
      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s, see " + log).isTrue();
    }
  }

  /**
   * Starts the jar and waits until it is ready. A free port can be taken by another process before
   * the application binds it (other builds share this machine); then it starts again on other ports.
   */
  private App start(Database database, String run) throws Exception {
    Path log = Files.createDirectories(JAR.resolveSibling("crash-durability"))
        .resolve(database.name() + "-" + run + ".log");
    for (int attempt = 1; ; attempt++) {
      App app = launch(database, log);
      boolean ready = await().atMost(START_PATIENCE).pollInterval(Duration.ofMillis(250))
          .until(() -> !app.process.isAlive() || readinessStatus(app) == 200, Boolean::booleanValue)
          && app.process.isAlive();
      if (ready) {
        return app;
      }
      if (attempt == 3 || !Files.readString(log).contains("already in use")) {
        throw new IllegalStateException("Chefsache exited with " + app.process.exitValue() + " while starting, see "
            + log);
      }
    }
  }

  private App launch(Database database, Path log) throws IOException {
    int port = TestSocketUtils.findAvailableTcpPort();
    int managementPort = TestSocketUtils.findAvailableTcpPort();
    // C1 only: on two busy cores the application starts in less than half the time (27 s instead of
    // 68 s, measured once); which compiler runs the code does not change what a commit writes
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(),
        "--spring.profiles.active=" + database.profiles(), "--chefsache.demo.sample-incidents=false")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("CHEFSACHE_"));
    environment.putAll(database.environment());
    environment.put("CHEFSACHE_PORT", String.valueOf(port));
    environment.put("CHEFSACHE_MANAGEMENT_PORT", String.valueOf(managementPort));
    Process process = builder.start();
    started.add(process);
    return new App(process, port, managementPort, log);
  }

  private static int readinessStatus(App app) throws InterruptedException {
    try {
      return HTTP.send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + app.managementPort + "/actuator/health/readiness")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException notListeningYet) {
      return -1;
    }
  }

  /** What the process instance knows: the incident API's mention count (HTTP Basic, the demo's admin). */
  private static long mentionCountOfTheProcess(App app, String incidentKey) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + app.port + "/api/incidents/" + incidentKey))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            "admin:demo".getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("figures").path("mentionCount").asLong();
  }

  /** The mention table after the application stopped (H2 locks its file while it runs). */
  private static Map<String, String> storedMentions(Database database, String incidentKey) throws Exception {
    Map<String, String> stored = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement query = connection.prepareStatement(
            "select external_id, id from mention where incident_key = ?")) {
      query.setString(1, incidentKey);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String previous = stored.put(rows.getString("external_id"), rows.getString("id"));
          assertThat(previous).as("stored twice: " + rows.getString("external_id")).isNull();
        }
      }
    }
    return stored;
  }
}
