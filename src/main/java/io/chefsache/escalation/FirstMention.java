package io.chefsache.escalation;

/**
 * The mention that opens an incident, as the staff sees it in every task.
 *
 * @param storyId the listening tool's story, if it sent one (see DMN SituationGrouping)
 * @param language the mention's language as the listening tool declared it (e.g. {@code de}), or null
 */
public record FirstMention(String id, String platform, String threadId, String author, String text, String url,
    String storyId, String language) {

  /** A first mention without a story id or a declared language. */
  public FirstMention(String id, String platform, String threadId, String author, String text, String url) {
    this(id, platform, threadId, author, text, url, null, null);
  }
}
