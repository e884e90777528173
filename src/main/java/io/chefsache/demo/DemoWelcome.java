package io.chefsache.demo;

import io.chefsache.config.ChefsacheProperties;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells a newcomer where to log in and as whom, once the demo is up. */
@Component
@Profile("demo")
class DemoWelcome {

  private static final Logger LOG = LoggerFactory.getLogger(DemoWelcome.class);

  private final ChefsacheProperties properties;

  DemoWelcome(ChefsacheProperties properties) {
    this.properties = properties;
  }

  @EventListener
  void onReady(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
      return;
    }
    String users = properties.users().stream()
        .map(user -> String.format("  %-8s %-16s %s", user.id(), user.firstName() + " " + user.lastName(),
            String.join(", ", user.groups())))
        .collect(Collectors.joining("\n"));
    LOG.info("""

        Chefsache demo is running: http://localhost:{}/camunda/app/
        Log in to Tasklist, Cockpit and Admin as one of these users (password "demo"), or as admin/demo:
        {}
        Auditors and management: http://localhost:{}/audit (e.g. ines/demo).
        Replies and chat messages go to the built-in stub and show up in this log as [demo stub].
        """, web.getWebServer().getPort(), users, web.getWebServer().getPort());
  }
}
