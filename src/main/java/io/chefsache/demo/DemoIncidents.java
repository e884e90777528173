package io.chefsache.demo;

import io.chefsache.escalation.FirstMention;
import io.chefsache.escalation.IncidentFigures;
import io.chefsache.escalation.IncidentProcess;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens one sample incident per level when the demo starts on an empty database, so Tasklist and
 * Cockpit show the crisis plan at work: the two sensitive ones are situations, one at level 2 (the
 * line for management to set) and one at level 3. Each names its own story, as a listening tool would,
 * so a replayed shitstorm forms a situation of its own instead of joining a sample. A restart on
 * the same data adds nothing.
 */
@Component
@Profile("demo")
class DemoIncidents {

  private static final Logger LOG = LoggerFactory.getLogger(DemoIncidents.class);

  private record Sample(FirstMention mention, IncidentFigures figures) {
  }

  private static final List<Sample> SAMPLES = List.of(
      new Sample(new FirstMention("demo-ig-1", "instagram", "demo-spam", "@crypto_king_99",
          "Follow me for free crypto 🚀🚀", "https://instagram.example/demo-spam"),
          new IncidentFigures(1, 0, 153, 0.0, List.of("spam"), false)),
      new Sample(new FirstMention("demo-li-1", "linkedin", "demo-opening-hours", "@fan12292",
          "Habt ihr am Samstag geöffnet?", "https://linkedin.example/demo-opening-hours"),
          new IncidentFigures(1, 0, 171, -0.2, List.of("customer-service"), false)),
      new Sample(new FirstMention("demo-fb-1", "facebook", "demo-broken-fork", "@kunde_431",
          "Gabel am neuen E-Bike nach 3 Wochen gebrochen. Support meint, ich sei selbst schuld. Video anbei.",
          "https://facebook.example/demo-broken-fork", "demo-broken-fork", null),
          new IncidentFigures(1, 1, 340, -0.7, List.of("product-safety", "customer-service"), false)),
      new Sample(new FirstMention("demo-x-1", "x", "demo-shitstorm", "@velo_journal",
          "Krass, was hier abgeht: gebrochene Gabeln und dann frech zum Kunden. Das ist gefährlich!",
          "https://x.example/demo-shitstorm", "demo-velo-journal", null),
          new IncidentFigures(240, 160, 280_000, -0.95, List.of("product-safety", "customer-service"), false)));

  private final IncidentProcess incidents;
  private final RuntimeService runtimeService;
  private final boolean enabled;

  DemoIncidents(IncidentProcess incidents, RuntimeService runtimeService,
      @Value("${chefsache.demo.sample-incidents:true}") boolean enabled) {
    this.incidents = incidents;
    this.runtimeService = runtimeService;
    this.enabled = enabled;
  }

  @EventListener(ApplicationReadyEvent.class)
  void openSampleIncidents() {
    if (!enabled || runtimeService.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY)
        .count() > 0) {
      return;
    }
    SAMPLES.forEach(sample -> incidents.open(sample.mention(), sample.figures()));
    LOG.info("Opened {} sample incidents, one per escalation level", SAMPLES.size());
  }
}
