package io.chefsache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chefsache.replay.SignedMentionSender;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.MentionJson;
import io.chefsache.support.SlowClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;

/**
 * Slow or hostile clients cannot take the web server from everyone else: 200 connections trickling
 * their bodies leave the intake and Tasklist answering, and a connection that stops sending is
 * dropped after the read timeout.
 */
@ChefsacheTest
class SlowClientsTest {

  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

  @LocalServerPort
  int port;
  @Autowired
  WebServerApplicationContext context;

  @Test
  void twoHundredSlowSendersLeaveTheIntakeAndTasklistAnswering() throws Exception {
    var http = HttpClient.newBuilder().connectTimeout(ANSWER_WITHIN).build();
    try (var slow = SlowClients.open(port, "/api/mentions", 200, Duration.ofMillis(500))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> busyWorkers() >= slow.count());

      var mention = MentionJson.mention(MentionJson.uniqueThread("during-slow-clients")).json();
      SignedMentionSender.Response accepted = MentionJson.demoSender(port).send(mention);
      HttpResponse<String> tasklist = http.send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/")).timeout(ANSWER_WITHIN).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(accepted.status()).isEqualTo(202);
      assertThat(tasklist.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aRequestWhoseBodyStopsIsEndedAfterTheReadTimeout() throws Exception {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 5_000);
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("POST /api/mentions HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\":").getBytes(StandardCharsets.US_ASCII));

      long started = System.nanoTime();
      int answer = readOrTimeOut(socket);
      Duration waited = Duration.ofNanos(System.nanoTime() - started);

      assertThat(answer).as("the server answered or closed the connection").isNotEqualTo(Integer.MIN_VALUE);
      assertThat(waited).isLessThan(Duration.ofSeconds(25));
    }
  }

  private static int readOrTimeOut(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read();
    } catch (SocketTimeoutException stillWaiting) {
      return Integer.MIN_VALUE;
    }
  }

  private int busyWorkers() {
    var executor = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector().getProtocolHandler()
        .getExecutor();
    return ((ThreadPoolExecutor) executor).getActiveCount();
  }
}
