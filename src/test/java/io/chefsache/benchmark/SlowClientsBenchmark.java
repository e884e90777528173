package io.chefsache.benchmark;

import io.chefsache.ChefsacheApplication;
import io.chefsache.replay.ReplayCommand;
import io.chefsache.replay.SignedMentionSender;
import io.chefsache.support.MentionJson;
import io.chefsache.support.SlowClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a normal request takes while 200 clients trickle their request bodies (one byte per second
 * each, never done): a mention through the signed intake and Tasklist's page, one after another,
 * first without, then with the slow clients (H2 file, the embedded default). Not a test: it prints
 * p50 and p99 and asserts nothing. Run: {@code mvn -B verify -Pbenchmark}.
 */
class SlowClientsBenchmark {

  private static final int SLOW = Integer.getInteger("benchmark.slowClients", 200);
  private static final int REQUESTS = Integer.getInteger("benchmark.slowClientRequests", 300);

  @Test
  void normalRequestsWhileSlowClientsTrickle() throws Exception {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ChefsacheApplication.class)
        .profiles("demo")
        .properties("CHEFSACHE_DB_URL=jdbc:h2:file:./target/benchmark-h2/slow-" + System.nanoTime() + "/chefsache",
            "CHEFSACHE_PORT=0", "CHEFSACHE_MANAGEMENT_PORT=0")
        .run("--chefsache.demo.sample-incidents=false", "--logging.level.root=warn")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      var sender = new SignedMentionSender(URI.create("http://localhost:" + port), ReplayCommand.DEMO_SECRET);
      var http = HttpClient.newHttpClient();
      var tasklist = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/"))
          .timeout(Duration.ofSeconds(60)).build();
      Callable<Integer> mention = () -> sender.send(MentionJson.mention(MentionJson.uniqueThread("bench")).json())
          .status();
      Callable<Integer> page = () -> http.send(tasklist, HttpResponse.BodyHandlers.discarding()).statusCode();

      time(mention, 202);
      time(page, 200);
      String quietMention = time(mention, 202);
      String quietPage = time(page, 200);
      String slowMention;
      String slowPage;
      try (var slow = SlowClients.open(port, "/api/mentions", SLOW, Duration.ofSeconds(1))) {
        slowMention = time(mention, 202);
        slowPage = time(page, 200);
      }
      System.out.printf("%n=== Chefsache under slow clients (H2 file, %d cores) ===%n"
              + "%d requests each, one at a time; slow clients: %d connections trickling a body, 1 byte/s%n"
              + "%-40s %s%n%-40s %s%n%-40s %s%n%-40s %s%n",
          Runtime.getRuntime().availableProcessors(), REQUESTS, SLOW,
          "mention (intake), quiet", quietMention, "mention (intake), " + SLOW + " slow clients", slowMention,
          "Tasklist page, quiet", quietPage, "Tasklist page, " + SLOW + " slow clients", slowPage);
    }
  }

  private static String time(Callable<Integer> request, int expected) throws Exception {
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      long start = System.nanoTime();
      int status = request.call();
      micros.add((System.nanoTime() - start) / 1_000);
      if (status != expected) {
        throw new IllegalStateException("answered " + status + " instead of " + expected);
      }
    }
    Collections.sort(micros);
    return "p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms".formatted(micros.get(REQUESTS / 2) / 1000.0,
        micros.get((int) Math.ceil(REQUESTS * 0.99) - 1) / 1000.0, micros.get(REQUESTS - 1) / 1000.0);
  }
}
