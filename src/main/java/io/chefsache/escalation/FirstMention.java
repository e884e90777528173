package io.chefsache.escalation;

/** The mention that opens an incident, as the staff sees it in every task. */
public record FirstMention(String id, String platform, String threadId, String author, String text, String url) {
}
