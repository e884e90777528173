package io.chefsache.escalation;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the situations' threads in step with their line. "Answer all open threads with the line",
 * asked for in management's form: the request is a row
 * committed with the form's step; once a second a node carries out what is requested, thread by
 * thread in transactions of their own (see {@link Situations#answerAll}). A node that stops half-way
 * leaves the request in place and the next round answers the rest; no thread is answered twice.
 */
@Component
class AnswerAllRequests {

  private static final Logger LOG = LoggerFactory.getLogger(AnswerAllRequests.class);

  private final SituationStore store;
  private final Situations situations;
  private final Clock clock;

  AnswerAllRequests(SituationStore store, Situations situations, Clock clock) {
    this.store = store;
    this.situations = situations;
    this.clock = clock;
  }

  void request(String situationKey, String user) {
    store.requestAnswerAll(situationKey, user, clock.instant());
  }

  /** How long after a line was set late-joining threads are checked for it (see {@link Situations#catchUp}). */
  private static final Duration CATCH_UP_WINDOW = Duration.ofHours(6);

  @Scheduled(fixedDelayString = "${chefsache.situations.answer-all-interval:1s}")
  void carryOut() {
    try {
      situations.catchUp(CATCH_UP_WINDOW);
    } catch (RuntimeException failed) {
      LOG.warn("Handing the line to waiting threads failed, next round tries again: {}", failed.getMessage());
    }
    for (var request : store.answerAllRequests()) {
      try {
        int answered = situations.answerAll(request.situationKey(), request.user());
        store.answerAllDone(request);
        LOG.info("Situation {}: {} thread(s) answered with the line, as {} asked", request.situationKey(), answered,
            request.user());
      } catch (RuntimeException failed) {
        LOG.warn("Situation {}: answering all threads with the line failed, next round tries again: {}",
            request.situationKey(), failed.getMessage());
      }
    }
  }
}
