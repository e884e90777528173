package io.chefsache.escalation;

import io.chefsache.config.Texts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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

  private static final DateTimeFormatter SET_AT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  /** The line as the crew reads it in each thread's task, in the configured language. */
  public String summary(Texts texts) {
    StringBuilder text = new StringBuilder(texts.get("line.coreStatement", coreStatement));
    if (tone != null && !tone.isBlank()) {
      text.append("\n").append(texts.get("line.tone", texts.getOrDefault("line.tone." + tone, tone)));
    }
    if (avoid != null && !avoid.isBlank()) {
      text.append("\n").append(texts.get("line.avoid", avoid));
    }
    if (answers != null && !answers.isBlank()) {
      text.append("\n").append(texts.get("line.answers", answers));
    }
    return text.append("\n").append(texts.get("line.setBy", setBy,
        SET_AT.withLocale(texts.locale()).format(setAt))).toString();
  }
}
