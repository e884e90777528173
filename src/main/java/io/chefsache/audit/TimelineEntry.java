package io.chefsache.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened in an incident, as auditors read it.
 *
 * @param at when it happened
 * @param type what kind of thing ({@link Type})
 * @param actor who did it: a person's user id, {@code chefsache} for the application's own steps,
 *     or a platform for its answers
 * @param summary one line for people
 * @param details the evidence (DMN inputs and outputs, form values, HTTP answers, hashes), values
 *     as strings, numbers or booleans, or lists and maps of them
 */
public record TimelineEntry(Instant at, Type type, String actor, String summary, Map<String, Object> details) {

  /** In the order entries of the same instant are listed. */
  public enum Type {
    INCIDENT_OPENED, MENTIONS, MENTION, DECISION, LEVEL_CHANGE, TASK_CREATED, TASK_CLAIMED, TASK_COMPLETED,
    DEADLINE, REPLY, HIDE, NOTIFY, FREEZE, FAILURE, ERASURE, INCIDENT_CLOSED
  }

  public TimelineEntry {
    details = details == null ? Map.of() : details;
  }
}
