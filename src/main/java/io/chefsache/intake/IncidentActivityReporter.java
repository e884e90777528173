package io.chefsache.intake;

import io.chefsache.escalation.IncidentProcess;
import io.chefsache.escalation.RunningFigures;
import io.chefsache.escalation.Situations;
import io.chefsache.security.SystemUser;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands new activity to the incidents' processes: once a second, each incident with mentions its
 * process has not seen gets one message with its current figures, however many mentions arrived.
 * Re-triage then escalates it if the figures cross a rule. An incident whose process has ended opens
 * again. Each message costs a triage (the decision tables, about as much CPU as a few dozen stored
 * mentions), so a burst on one thread is handed over once a second rather than more often: at four
 * rounds a second re-triage took a third as much CPU as the burst's requests themselves.
 *
 * <p>Each round looks only at the incidents this node's intake stored mentions for since the last
 * round, so its cost follows the new activity, not the number of recent incidents. Every few
 * seconds a sweep looks at all incidents with mentions not yet counted or reported: it finds what a
 * node stored but did not report (it stopped, or its report failed). The figures are kept
 * incrementally ({@link RunningFigures}): a round first counts the new mentions of each incident
 * (under a lock on its row, so one node at a time counts it), then reports those whose process has
 * not seen them; a conditional update in the same transaction as the message decides which node
 * reports.
 */
@Component
class IncidentActivityReporter {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentActivityReporter.class);

  private final MentionStore store;
  private final IncidentProcess incidents;
  private final RuntimeService runtimeService;
  private final Situations situations;
  private final RunningFigures figures;
  private final SystemUser systemUser;
  private final TransactionTemplate transaction;
  private final IntakeProperties properties;
  private final Clock clock;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private Instant nextSweep = Instant.MIN;

  IncidentActivityReporter(MentionStore store, IncidentProcess incidents, RuntimeService runtimeService,
      Situations situations, RunningFigures figures, SystemUser systemUser, TransactionTemplate transaction, IntakeProperties properties,
      Clock clock) {
    this.situations = situations;
    this.figures = figures;
    this.store = store;
    this.incidents = incidents;
    this.runtimeService = runtimeService;
    this.systemUser = systemUser;
    this.transaction = transaction;
    this.properties = properties;
    this.clock = clock;
  }

  /** Notes that a mention of this incident was committed on this node; the next round reports it. */
  void newActivity(String incidentKey) {
    pending.add(incidentKey);
  }

  @Scheduled(fixedDelayString = "${chefsache.intake.retriage-interval:1s}",
      initialDelayString = "${chefsache.intake.retriage-interval:1s}")
  void reportNewActivity() {
    Instant now = clock.instant();
    Set<String> keys = new LinkedHashSet<>();
    for (Iterator<String> noted = pending.iterator(); noted.hasNext(); noted.remove()) {
      keys.add(noted.next());
    }
    try {
      if (!now.isBefore(nextSweep)) {
        keys.addAll(figures.incidentsWithUncountedMentions());
        keys.addAll(figures.incidentsWithUnreportedMentions());
        nextSweep = now.plus(properties.sweepInterval());
      }
    } catch (DataAccessException unavailable) {
      pending.addAll(keys);
      LOG.warn("Re-triage paused, database unavailable: {}", unavailable.getMessage());
      return;
    }
    // first count every incident (cheap, and it keeps the situations' figures current), then re-triage,
    // the busiest threads first: in a shitstorm the viral thread's level must not wait for routine ones
    Map<String, Long> unreported = new HashMap<>();
    for (String key : keys) {
      inTransaction(key, () -> {
        Long behind = transaction.execute(status -> figures.count(key));
        if (behind != null && behind > 0) {
          unreported.put(key, behind);
        }
      });
    }
    List<String> busiestFirst = unreported.keySet().stream()
        .sorted(Comparator.comparing(unreported::get, Comparator.reverseOrder())).toList();
    for (String key : busiestFirst) {
      inTransaction(key, () -> transaction.executeWithoutResult(status -> report(key)));
    }
  }

  /**
   * Each situation whose threads have mentions its process has not been told about gets one message
   * with the figures of all its threads together; it is triaged again as one case. This runs beside
   * the incidents' round, so a long round of many threads does not hold up their situation.
   */
  @Scheduled(fixedDelayString = "${chefsache.intake.retriage-interval:1s}",
      initialDelayString = "${chefsache.intake.retriage-interval:1s}")
  void reportSituations() {
    List<String> situationKeys;
    try {
      situationKeys = figures.situationsWithUnreportedMentions();
    } catch (DataAccessException unavailable) {
      return;
    }
    for (String situationKey : situationKeys) {
      try {
        transaction.executeWithoutResult(status -> figures.claimSituationReport(situationKey, clock.instant())
            .ifPresent(report -> systemUser.call(() -> {
              situations.reportNewActivity(report.processInstanceId(), report.figures(), report.threadCount(),
                  report.platforms());
              return null;
            })));
      } catch (DataAccessException | ProcessEngineException busy) {
        LOG.debug("Re-triage of situation {} postponed: {}", situationKey, busy.getMessage());
      }
    }
  }

  /** Runs a step for one incident; if the database or the engine is busy, the next round tries again. */
  private void inTransaction(String incidentKey, Runnable step) {
    try {
      step.run();
    } catch (DataAccessException | ProcessEngineException busy) {
      pending.add(incidentKey);
      LOG.debug("Re-triage of {} postponed to the next round: {}", incidentKey, busy.getMessage());
    }
  }

  /** Reports the incident's counted figures to its process, unless another node did so first. */
  private void report(String incidentKey) {
    var counted = figures.claimReport(incidentKey, clock.instant()).orElse(null);
    if (counted == null) {
      return;
    }
    systemUser.call(() -> {
      if (runtimeService.createProcessInstanceQuery().processInstanceId(counted.processInstanceId()).count() > 0) {
        incidents.reportNewActivity(counted.processInstanceId(), counted.figures());
      } else {
        var latest = store.latestMention(incidentKey);
        var thread = store.findIncident(incidentKey).orElseThrow().threadId();
        String reopened = incidents.open(MentionIntake.firstMention(latest, thread, null), counted.figures());
        store.attachProcess(incidentKey, reopened);
        LOG.info("Incident {} was closed and has new activity: opened again as {}", incidentKey, reopened);
      }
      return null;
    });
  }
}
