package io.chefsache.escalation;

/**
 * The mention that opens an incident, as the staff sees it in every task.
 *
 * @param storyId the listening tool's story, if it sent one (see DMN SituationGrouping)
 */
public record FirstMention(String id, String platform, String threadId, String author, String text, String url,
    String storyId) {

  /** A first mention without a story id. */
  public FirstMention(String id, String platform, String threadId, String author, String text, String url) {
    this(id, platform, threadId, author, text, url, null);
  }
}
