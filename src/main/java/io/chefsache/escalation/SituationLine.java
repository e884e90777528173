package io.chefsache.escalation;

import java.time.Instant;

/**
 * Management's binding line for a situation: what the company says on every thread of the story.
 *
 * @param coreStatement the core statement
 * @param reply the reply the crew publishes on a thread (pre-filled in its task; wording may be adapted)
 * @param tone the tone, e.g. {@code empathetic}
 * @param avoid what not to say
 * @param answers approved answers to the typical questions
 * @param pausePosts whether the company's scheduled posts pause
 * @param setBy who set it (management, or the deputy when management's deadline passed)
 * @param setAt when
 */
public record SituationLine(String coreStatement, String reply, String tone, String avoid, String answers,
    boolean pausePosts, String setBy, Instant setAt) {

  /** The line as the crew reads it in each thread's task. */
  public String summary() {
    StringBuilder text = new StringBuilder("Core statement: ").append(coreStatement);
    if (tone != null && !tone.isBlank()) {
      text.append("\nTone: ").append(tone);
    }
    if (avoid != null && !avoid.isBlank()) {
      text.append("\nDo not say: ").append(avoid);
    }
    if (answers != null && !answers.isBlank()) {
      text.append("\nApproved answers:\n").append(answers);
    }
    return text.append("\nSet by ").append(setBy).append(" at ").append(setAt).toString();
  }
}
