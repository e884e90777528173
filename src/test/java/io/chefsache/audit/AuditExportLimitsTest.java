package io.chefsache.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.BrowserSession;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.MentionJson;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 18, item 8: exports (of a period or an incident) run at most {@code chefsache.audit.concurrent-exports} at a time;
 * one more is answered 503 with Retry-After, never 500, and the intake keeps answering meanwhile.
 */
@ChefsacheTest
class AuditExportLimitsTest {

  @Autowired
  ExportPermits permits;
  @LocalServerPort
  int port;

  private final List<ExportPermits.Permit> running = new ArrayList<>();
  private final ExecutorService auditors = Executors.newFixedThreadPool(8);

  @AfterEach
  void exportsEnd() {
    running.forEach(ExportPermits.Permit::close);
    auditors.shutdownNow();
  }

  @Test
  void whileAsManyExportsAsAllowedRunMoreAreToldWhenToComeBackAndTheIntakeAnswers() throws Exception {
    permits.tryAcquire().ifPresent(running::add);
    permits.tryAcquire().ifPresent(running::add);
    assertThat(permits.tryAcquire()).as("the default allows two exports at once").isEmpty();
    var ines = new BrowserSession(port);
    ines.logIn("ines", "demo");

    List<HttpResponse<String>> answers = exportInParallel(ines, 20);
    HttpResponse<String> incident = ines.get("/audit/incident/export.json?key=facebook:any");
    var mention = MentionJson.demoSender(port).send(MentionJson.mention(MentionJson.uniqueThread("during-exports")).json());

    assertThat(answers).allSatisfy(answer -> {
      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(answer.headers().firstValue("Retry-After")).hasValue("10");
    });
    assertThat(incident.statusCode()).as("an incident's export counts too").isEqualTo(503);
    assertThat(mention.status()).isEqualTo(202);

    running.forEach(ExportPermits.Permit::close);
    running.clear();
    HttpResponse<String> export = ines.get("/audit/export.json");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(ExportVerifier.verify(export.body().getBytes(StandardCharsets.UTF_8)).head())
        .isEqualTo(export.headers().firstValue("X-Chefsache-Export-Head").orElseThrow());
  }

  @Test
  void parallelExportsAreAnsweredOrToldWhenToComeBackNeverAnError() throws Exception {
    var ines = new BrowserSession(port);
    ines.logIn("ines", "demo");

    List<HttpResponse<String>> answers = exportInParallel(ines, 16);

    assertThat(answers).allSatisfy(answer -> {
      assertThat(answer.statusCode()).isIn(200, 503);
      if (answer.statusCode() == 200) {
        assertThat(ExportVerifier.verify(answer.body().getBytes(StandardCharsets.UTF_8)).valid()).isTrue();
      } else {
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
      }
    });
    assertThat(permits.tryAcquire()).as("every export gave its place back").isPresent()
        .hasValueSatisfying(running::add);
  }

  private List<HttpResponse<String>> exportInParallel(BrowserSession auditor, int exports) {
    List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, exports)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> auditor.get("/audit/export." + (i % 2 == 0 ? "json" : "csv")
            + "?from=2000-01-01"), auditors))
        .toList();
    return answers.stream().map(CompletableFuture::join).toList();
  }
}
