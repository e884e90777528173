package io.chefsache.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.escalation.IncidentProcess;
import io.chefsache.intake.InProcessMentions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * so a replayed shitstorm forms a situation of its own instead of joining a sample.
 *
 * <p>The samples are mentions ({@link DemoMentions}) handed to the intake as a listening tool's
 * deliveries would be: stored, the first of each thread opening its incident, the rest reaching its
 * process through the re-triage. So the figures in the forms are counted from stored mentions, and the
 * audit pages show the same mentions. A restart on the same data adds nothing: with incidents running
 * it does not look at the samples, and a mention already stored is a duplicate to the intake.
 */
@Component
@Profile("demo")
class DemoIncidents {

  private static final Logger LOG = LoggerFactory.getLogger(DemoIncidents.class);

  private final InProcessMentions intake;
  private final RuntimeService runtimeService;
  private final ObjectMapper objectMapper;
  private final Clock clock;
  private final boolean enabled;

  DemoIncidents(InProcessMentions intake, RuntimeService runtimeService, ObjectMapper objectMapper, Clock clock,
      @Value("${chefsache.demo.sample-incidents:true}") boolean enabled) {
    this.intake = intake;
    this.runtimeService = runtimeService;
    this.objectMapper = objectMapper;
    this.clock = clock;
    this.enabled = enabled;
  }

  @EventListener(ApplicationReadyEvent.class)
  void openSampleIncidents() {
    if (!enabled || runtimeService.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY)
        .count() > 0) {
      return;
    }
    long started = System.nanoTime();
    List<DemoMentions.Sample> samples = DemoMentions.samples(clock.instant());
    int stored = deliver(samples);
    LOG.info("Opened {} sample incidents, one per escalation level: {} mentions through the intake in {} ms",
        samples.size(), stored, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /**
   * Hands every mention of the samples to the intake, oldest first.
   *
   * @return how many were stored; those stored before are duplicates and change nothing
   */
  int deliver(List<DemoMentions.Sample> samples) {
    int stored = 0;
    for (DemoMentions.Sample sample : samples) {
      for (DemoMentions.Mention mention : sample.mentions()) {
        if (!intake.deliver(mention.deliveryId(), body(mention)).duplicate()) {
          stored++;
        }
      }
    }
    return stored;
  }

  private byte[] body(DemoMentions.Mention mention) {
    try {
      return objectMapper.writeValueAsBytes(mention.json());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write sample mention " + mention.externalId(), e);
    }
  }
}
