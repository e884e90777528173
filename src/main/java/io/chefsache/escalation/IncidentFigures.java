package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.HIGHEST_REACH;
import static io.chefsache.escalation.IncidentVariables.LOWEST_SENTIMENT;
import static io.chefsache.escalation.IncidentVariables.MENTION_COUNT;
import static io.chefsache.escalation.IncidentVariables.NEGATIVE_MENTIONS_60M;
import static io.chefsache.escalation.IncidentVariables.PRESS_INVOLVED;
import static io.chefsache.escalation.IncidentVariables.TOPICS;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;

/**
 * What triage looks at: the figures of one incident at a moment.
 *
 * @param mentionCount mentions so far
 * @param negativeMentions60m mentions with negative sentiment in the last 60 minutes
 * @param highestReach highest follower count of an author
 * @param lowestSentiment most negative sentiment seen (-1 … 1), {@code null} while unknown
 * @param topics topics seen, e.g. {@code product-safety}
 * @param pressInvolved whether the press has asked
 */
public record IncidentFigures(long mentionCount, long negativeMentions60m, long highestReach,
    Double lowestSentiment, List<String> topics, boolean pressInvolved) {

  public IncidentFigures {
    topics = List.copyOf(topics);
  }

  /** The figures as process variables; topics as one comma-separated string (DMN splits it). */
  public Map<String, Object> toVariables() {
    return Variables.createVariables()
        .putValue(MENTION_COUNT, mentionCount)
        .putValue(NEGATIVE_MENTIONS_60M, negativeMentions60m)
        .putValue(HIGHEST_REACH, highestReach)
        .putValueTyped(LOWEST_SENTIMENT, Variables.doubleValue(lowestSentiment))
        .putValue(TOPICS, String.join(",", topics))
        .putValue(PRESS_INVOLVED, pressInvolved);
  }
}
