package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.SITUATION_KEY;

import io.chefsache.notify.OutboundActions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Pauses or resumes the company's scheduled posts through its gateway (input {@code freeze}:
 * {@code pause} or {@code resume}). The situation's row remembers whether it paused them, so a
 * freeze asked for twice (by the line, then by the crisis) is sent once; a failed call rolls the
 * row back with the step, and the retry sends it again. The posts are one switch for the whole
 * company: they resume only when no other situation's pause holds (variable {@code postsStillPausedBy}
 * names those that do), decided under one lock for all situations, so also on several nodes.
 */
@Component
class FreezeScheduledPostsDelegate implements JavaDelegate {

  private final OutboundActions outbound;
  private final SituationStore store;

  FreezeScheduledPostsDelegate(OutboundActions outbound, SituationStore store) {
    this.outbound = outbound;
    this.store = store;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean pause = "pause".equals(execution.getVariableLocal("freeze"));
    String situationKey = (String) execution.getVariable(SITUATION_KEY);
    store.lockPublishing();
    if (!store.switchPostsPaused(situationKey, pause)) {
      return;
    }
    List<String> otherPauses = store.otherPauses(situationKey);
    if (!pause && !otherPauses.isEmpty()) {
      execution.setVariable("postsStillPausedBy", String.join("; ", otherPauses));
      return;
    }
    // one key per situation and direction: whichever step asks first (the line or the crisis), a retry or the
    // other step's attempt after a lost answer carries the same key, so the gateway pauses once
    String event = pause ? "pause" : "resume";
    outbound.freezeScheduledPosts(situationKey, pause,
        UUID.nameUUIDFromBytes((situationKey + "\n" + event).getBytes(StandardCharsets.UTF_8)).toString());
  }
}
