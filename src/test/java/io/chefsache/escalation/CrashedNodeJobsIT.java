package io.chefsache.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.chefsache.ChefsacheApplication;
import io.chefsache.support.EmbeddedPostgresDatabase;
import io.chefsache.support.MentionJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

/**
 * Issue 18, item 2: a node killed while it runs a job leaves the job locked until the lock expires.
 * Node A (the packaged jar, a process of its own) opens a level-2 incident and, in the job that tells
 * management in chat, waits for the chat webhook, which does not answer. A is killed with SIGKILL
 * there. Node B, on the same PostgreSQL all along, must run that job within 30 s of the kill: with
 * Camunda's default lock of 5 minutes it would wait 5 minutes.
 *
 * <p>B's job executor starts only when A is gone: otherwise B could take the job before A does.
 */
class CrashedNodeJobsIT {

  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** The Spring Boot jar that `package` built; Failsafe runs after it (see pom.xml). */
  private static final Path JAR = Path.of(Objects.requireNonNull(System.getProperty("chefsache.jar"),
      "system property chefsache.jar (set by Failsafe in pom.xml): run this test with mvn verify"));

  private final List<Long> chatCalls = new CopyOnWriteArrayList<>();
  private final CountDownLatch nodeAIsGone = new CountDownLatch(1);
  private HttpServer chat;
  private Process nodeA;
  private ConfigurableApplicationContext nodeB;

  @AfterEach
  void stopEverything() throws InterruptedException {
    nodeAIsGone.countDown();
    if (nodeA != null) {
      nodeA.destroyForcibly();
      nodeA.waitFor(30, TimeUnit.SECONDS);
    }
    if (nodeB != null) {
      nodeB.close();
    }
    if (chat != null) {
      chat.stop(0);
    }
  }

  @Test
  void aJobOfAKilledNodeRunsOnAnotherNodeWithinThirtySeconds() throws Exception {
    String url = EmbeddedPostgresDatabase.newDatabase();
    startChatThatDoesNotAnswerTheFirstCall();
    String chatUrl = "http://localhost:" + chat.getAddress().getPort() + "/chat/management";
    int port = TestSocketUtils.findAvailableTcpPort();
    int managementPort = TestSocketUtils.findAvailableTcpPort();
    nodeA = startNodeA(url, chatUrl, port, managementPort);
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
        .until(() -> !nodeA.isAlive() || readiness(managementPort) == 200);
    assertThat(nodeA.isAlive()).as("node A started, see target/crashed-node-jobs/node-a.log").isTrue();

    nodeB = new SpringApplicationBuilder(ChefsacheApplication.class).profiles("demo", "postgres")
        .run("--CHEFSACHE_DB_URL=" + url, "--CHEFSACHE_DB_USER=postgres", "--CHEFSACHE_DB_PASSWORD=postgres",
            "--CHEFSACHE_PORT=0", "--CHEFSACHE_MANAGEMENT_PORT=0", "--chefsache.demo.sample-incidents=false",
            "--chefsache.outbound.chat.management=" + chatUrl, "--camunda.bpm.job-execution.enabled=false");
    JobExecutor jobsOfNodeB = ((ProcessEngineConfigurationImpl) nodeB.getBean(ProcessEngine.class)
        .getProcessEngineConfiguration()).getJobExecutor();
    jobsOfNodeB.setWaitTimeInMillis(100);
    jobsOfNodeB.setMaxWait(1000);

    var answer = MentionJson.demoSender(port).send(MentionJson.mention(MentionJson.uniqueThread("crashed-node"))
        .with("sentiment", -0.8).with("author", Map.of("handle", "@reporterin", "followers", 80_000)).json());
    assertThat(answer.status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(60)).until(() -> chatCalls.size() == 1);
    nodeA.destroyForcibly();
    long killedAt = System.nanoTime();
    assertThat(nodeA.waitFor(30, TimeUnit.SECONDS)).isTrue();
    nodeAIsGone.countDown();
    jobsOfNodeB.start();

    await().atMost(WITHIN.minusNanos(System.nanoTime() - killedAt)).pollInterval(Duration.ofMillis(100))
        .until(() -> chatCalls.size() >= 2);
    System.out.printf("The job of the killed node ran on node B %d ms after the kill%n",
        TimeUnit.NANOSECONDS.toMillis(chatCalls.get(1) - killedAt));
  }

  /** The chat webhook: the first call waits until node A is gone, every later one is answered at once. */
  private void startChatThatDoesNotAnswerTheFirstCall() throws IOException {
    chat = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    chat.setExecutor(Executors.newCachedThreadPool());
    chat.createContext("/chat/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      chatCalls.add(System.nanoTime());
      if (chatCalls.size() == 1) {
        try {
          nodeAIsGone.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    chat.start();
  }

  private static Process startNodeA(String url, String chatUrl, int port, int managementPort) throws IOException {
    Path log = Files.createDirectories(JAR.resolveSibling("crashed-node-jobs")).resolve("node-a.log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--spring.profiles.active=demo,postgres",
        "--chefsache.demo.sample-incidents=false", "--chefsache.outbound.chat.management=" + chatUrl)
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("CHEFSACHE_"));
    environment.putAll(Map.of("CHEFSACHE_DB_URL", url, "CHEFSACHE_DB_USER", "postgres",
        "CHEFSACHE_DB_PASSWORD", "postgres", "CHEFSACHE_PORT", String.valueOf(port),
        "CHEFSACHE_MANAGEMENT_PORT", String.valueOf(managementPort)));
    return builder.start();
  }

  private static int readiness(int managementPort) throws InterruptedException {
    try {
      return HTTP.send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + managementPort + "/actuator/health/readiness")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException notListeningYet) {
      return -1;
    }
  }
}
