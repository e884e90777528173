package io.chefsache.intake;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;
import io.chefsache.escalation.FirstMention;
import io.chefsache.escalation.IncidentFigures;
import io.chefsache.escalation.IncidentProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts each mention exactly once and files it under its incident. The database decides: a
 * second copy of a mention (same platform id or same webhook delivery) and a second first mention
 * of a thread both fail on unique constraints, the transaction is retried, and the retry finds what
 * the other request stored. Only the first mention of a thread touches the engine (it opens the
 * incident); later mentions are rows, and {@link IncidentActivityReporter} hands their figures to
 * the process, so a burst on one thread never piles up on one process instance.
 *
 * <p>While a thread's first mention opens its incident (the longest transaction here), other
 * mentions of that thread received by this node wait for it instead of inserting the incident row
 * again: H2 answers an insert that collides with an uncommitted key by retrying it in a busy loop,
 * which burns the cores the opening needs. This only saves work; the primary key still decides, on
 * any number of nodes.
 *
 * <p>The process starts without an engine authentication: the signature has already proven the
 * sender, and the engine's authorization check of a technical admin user could never fail, yet it
 * took a tenth of an opening's CPU. The audit timeline names the intake and the webhook delivery that
 * opened the incident from the intake's own rows.
 */
@Service
class MentionIntake {

  private static final int ATTEMPTS = 5;
  private static final Duration OPENING_WAIT = Duration.ofSeconds(10);
  /** Mention ids are UUIDv7: time-ordered, so the unique index on them grows at one end. */
  private static final NoArgGenerator MENTION_IDS = Generators.timeBasedEpochGenerator();

  record Acceptance(String mentionId, String incidentKey, String processInstanceId, Integer level,
      boolean duplicate) {
  }

  private final MentionStore store;
  private final IncidentProcess incidents;
  private final IncidentActivityReporter reporter;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ConcurrentHashMap<String, CountDownLatch> openings = new ConcurrentHashMap<>();

  MentionIntake(MentionStore store, IncidentProcess incidents, IncidentActivityReporter reporter,
      TransactionTemplate transaction, Clock clock) {
    this.store = store;
    this.incidents = incidents;
    this.reporter = reporter;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** Stores the mention (committed when this returns) and opens or joins its incident. */
  Acceptance accept(MentionRequest mention, Instant createdAt, String webhookId, byte[] payload) {
    String sha256 = DigestUtils.sha256Hex(payload);
    String key = IncidentProcess.incidentKey(mention.platform(), mention.thread());
    for (int attempt = 1; ; attempt++) {
      boolean conflictSeen = attempt > 1;
      CountDownLatch opening = new CountDownLatch(1);
      try {
        Acceptance acceptance = transaction.execute(
            status -> acceptOnce(mention, key, createdAt, webhookId, sha256, conflictSeen, opening));
        boolean opened = openings.get(key) == opening;
        if (!acceptance.duplicate() && !opened) {
          reporter.newActivity(acceptance.incidentKey());
        }
        return acceptance;
      } catch (OpeningInProgress inProgress) {
        inProgress.awaitOpened();
      } catch (DataIntegrityViolationException | TransientDataAccessException conflict) {
        if (attempt >= ATTEMPTS) {
          throw conflict;
        }
      } finally {
        if (openings.remove(key, opening)) {
          opening.countDown();
        }
      }
    }
  }

  /**
   * One attempt. The first is optimistic: most mentions are new, so it relies on the constraints
   * alone; only after a conflict does an attempt look for the stored copy first.
   */
  private Acceptance acceptOnce(MentionRequest request, String key, Instant createdAt, String webhookId,
      String sha256, boolean conflictSeen, CountDownLatch opening) {
    var duplicate = conflictSeen ? store.findDuplicate(request.platform(), request.externalId(), webhookId)
        : Optional.<MentionStore.StoredMention>empty();
    if (duplicate.isPresent()) {
      var incident = store.findIncident(duplicate.get().incidentKey()).orElseThrow();
      return new Acceptance(duplicate.get().id(), incident.key(), incident.processInstanceId(), incident.level(), true);
    }
    Instant now = clock.instant();
    var incident = store.findIncident(key);
    if (incident.isEmpty()) {
      CountDownLatch other = openings.putIfAbsent(key, opening);
      if (other != null) {
        throw new OpeningInProgress(other);
      }
    }
    var mention = new MentionStore.Mention(MENTION_IDS.generate().toString(), webhookId, request.platform(),
        request.externalId(), key, request.author(), request.text(), request.url(), createdAt, now,
        request.sentiment(), request.topicList(), sha256, request.storyId());
    if (incident.isPresent()) {
      store.insertMention(mention);
      return new Acceptance(mention.id(), key, incident.get().processInstanceId(), incident.get().level(), false);
    }
    IncidentFigures figures = MentionStore.figuresOfFirst(mention);
    String processInstanceId = incidents.open(firstMention(mention, request.thread(), request.language()), figures);
    store.insertIncident(key, request.platform(), request.thread(), processInstanceId, figures.mentionCount(), now);
    store.insertMention(mention);
    return new Acceptance(mention.id(), key, processInstanceId, null, false);
  }

  /** Another request on this node is opening the incident: wait for it, then try again. */
  private static final class OpeningInProgress extends RuntimeException {

    private final transient CountDownLatch opening;

    OpeningInProgress(CountDownLatch opening) {
      super(null, null, false, false);
      this.opening = opening;
    }

    void awaitOpened() {
      try {
        opening.await(OPENING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while the incident was being opened", interrupted);
      }
    }
  }

  static FirstMention firstMention(MentionStore.Mention mention, String threadId, String language) {
    return new FirstMention(mention.externalId(), mention.platform(), threadId,
        mention.author() == null ? null : mention.author().handle(), mention.text(), mention.url(), mention.storyId(),
        language);
  }
}
