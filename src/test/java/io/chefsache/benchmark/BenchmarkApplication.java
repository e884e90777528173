package io.chefsache.benchmark;

import io.chefsache.ChefsacheApplication;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

/** The application as the benchmarks start it: without sample incidents, logging only warnings. */
final class BenchmarkApplication {

  private BenchmarkApplication() {
  }

  /** Starts the application on the given database settings (environment-style properties) and profiles. */
  static ConfigurableApplicationContext start(List<String> database, String... profiles) {
    List<String> properties = new ArrayList<>(database);
    // a fixed free port, not 0: the demo profile's outbound stub lives at server.port
    properties.addAll(List.of("CHEFSACHE_PORT=" + TestSocketUtils.findAvailableTcpPort(),
        "CHEFSACHE_MANAGEMENT_PORT=0"));
    return new SpringApplicationBuilder(ChefsacheApplication.class)
        .profiles(profiles).properties(properties.toArray(String[]::new))
        .run("--chefsache.demo.sample-incidents=false", "--logging.level.root=warn");
  }

  static URI baseUri(ConfigurableApplicationContext app) {
    return URI.create("http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort());
  }
}
