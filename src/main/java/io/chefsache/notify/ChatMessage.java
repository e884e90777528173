package io.chefsache.notify;

import java.net.URI;
import java.util.Locale;

/**
 * The text of a Slack/Mattermost incoming-webhook message about an incident. Everything that may
 * come from outside (the key quotes a thread id, a task name comes from a diagram) is escaped the
 * way Slack asks, so it cannot ping {@code <!channel>} or forge a link.
 */
public final class ChatMessage {

  /** A link with its label. */
  public record Link(String label, URI url) {
  }

  private ChatMessage() {
  }

  public static String about(String incidentKey, Object level, String levelName, String levelCause, String event,
      Link work, URI incident) {
    return """
        *%s* – incident %s
        Level %s (%s): %s
        <%s|%s> · <%s|Incident>"""
        .formatted(escape(sentence(event)), escape(incidentKey), level, escape(levelName), escape(levelCause),
            work.url(), escape(work.label()), incident);
  }

  /** {@code decision-overdue} becomes "Decision overdue". */
  static String sentence(String event) {
    String words = event.replace('-', ' ');
    return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }

  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
