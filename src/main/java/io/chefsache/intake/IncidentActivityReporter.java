package io.chefsache.intake;

import io.chefsache.escalation.IncidentFigures;
import io.chefsache.escalation.IncidentProcess;
import io.chefsache.escalation.Situations;
import io.chefsache.security.SystemUser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
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
 * seconds a sweep looks at all incidents with mentions in the activity window: it finds what a node
 * stored but did not report (it stopped, or its report failed). Several nodes may do this at once:
 * a conditional update of {@code reported_count} in the same transaction as the message decides
 * which one reports.
 */
@Component
class IncidentActivityReporter {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentActivityReporter.class);

  private final MentionStore store;
  private final IncidentProcess incidents;
  private final RuntimeService runtimeService;
  private final Situations situations;
  private final SystemUser systemUser;
  private final TransactionTemplate transaction;
  private final IntakeProperties properties;
  private final Clock clock;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private Instant nextSweep = Instant.MIN;

  IncidentActivityReporter(MentionStore store, IncidentProcess incidents, RuntimeService runtimeService,
      Situations situations, SystemUser systemUser, TransactionTemplate transaction, IntakeProperties properties,
      Clock clock) {
    this.situations = situations;
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
    List<MentionStore.Activity> activities;
    try {
      if (!now.isBefore(nextSweep)) {
        keys.addAll(store.incidentsWithMentionsSince(now.minus(properties.activityWindow())));
        nextSweep = now.plus(properties.sweepInterval());
      }
      activities = store.unreportedActivity(keys);
    } catch (DataAccessException unavailable) {
      pending.addAll(keys);
      LOG.warn("Re-triage paused, database unavailable: {}", unavailable.getMessage());
      return;
    }
    List<String> postponed = new ArrayList<>();
    for (MentionStore.Activity activity : activities) {
      try {
        transaction.executeWithoutResult(status -> report(activity));
      } catch (DataAccessException | ProcessEngineException busy) {
        postponed.add(activity.incidentKey());
        LOG.debug("Re-triage of {} postponed to the next round: {}", activity.incidentKey(), busy.getMessage());
      }
    }
    pending.addAll(postponed);
    reportSituations(keys, now);
  }

  /**
   * Each situation whose threads have mentions its process has not been told about gets one message
   * with the figures of all its threads together; it is triaged again as one case.
   */
  private void reportSituations(Set<String> incidentKeys, Instant now) {
    List<String> situations;
    try {
      situations = store.situationsOf(incidentKeys, now.minus(properties.activityWindow()));
    } catch (DataAccessException unavailable) {
      return;
    }
    for (String situationKey : situations) {
      try {
        transaction.executeWithoutResult(status -> reportSituation(situationKey));
      } catch (DataAccessException | ProcessEngineException busy) {
        LOG.debug("Re-triage of situation {} postponed: {}", situationKey, busy.getMessage());
      }
    }
  }

  private void reportSituation(String situationKey) {
    var activity = store.situationActivity(situationKey, clock.instant()).orElse(null);
    if (activity == null || activity.processInstanceId() == null
        || activity.figures().mentionCount() <= activity.reportedCount()
        || !store.claimSituationReport(situationKey, activity.reportedCount(), activity.figures().mentionCount())) {
      return;
    }
    systemUser.call(() -> {
      situations.reportNewActivity(activity.processInstanceId(), activity.figures(), activity.threadCount(),
          activity.platforms());
      return null;
    });
  }

  private void report(MentionStore.Activity activity) {
    if (!store.claimReport(activity.incidentKey(), activity.reportedCount(), activity.mentionCount())) {
      return;
    }
    IncidentFigures figures = store.figures(activity.incidentKey(), clock.instant());
    systemUser.call(() -> {
      if (runtimeService.createProcessInstanceQuery().processInstanceId(activity.processInstanceId()).count() > 0) {
        incidents.reportNewActivity(activity.processInstanceId(), figures);
      } else {
        var latest = store.latestMention(activity.incidentKey());
        var thread = store.findIncident(activity.incidentKey()).orElseThrow().threadId();
        String reopened = incidents.open(MentionIntake.firstMention(latest, thread), figures);
        store.attachProcess(activity.incidentKey(), reopened, activity.mentionCount());
        LOG.info("Incident {} was closed and has new activity: opened again as {}", activity.incidentKey(), reopened);
      }
      return null;
    });
  }
}
