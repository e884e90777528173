package io.chefsache.notify;

import io.chefsache.config.Texts;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The text of a Slack/Mattermost incoming-webhook message about an incident, in the configured
 * language ({@code chefsache.language}, German by default; texts in {@code messages*.properties}).
 * Everything that may come from outside (the key quotes a thread id, a task name comes from a
 * diagram) is escaped the way Slack asks, so it cannot ping {@code <!channel>} or forge a link.
 */
@Component
public class ChatMessage {

  /** A link with its label. */
  public record Link(String label, URI url) {
  }

  /** What a message is about: an incident (its key) or a situation (its title), and how its record is named. */
  public record Subject(String kind, String name, String record) {
  }

  private final Texts texts;

  public ChatMessage(Texts texts) {
    this.texts = texts;
  }

  public Subject incident(String incidentKey) {
    return new Subject(text("chat.incident"), incidentKey, text("chat.incidentLink"));
  }

  public Subject situation(String title) {
    return new Subject(text("chat.situation"), title, text("chat.situationLink"));
  }

  /**
   * The message: what happened to which incident or situation, its level and why, the link to the
   * group's work and, for a group that may read the audit pages, the link to the incident's record.
   */
  public String about(Subject subject, Object level, String levelName, String levelCause, String event,
      Link work, Optional<URI> record) {
    return """
        *%s* – %s %s
        %s %s (%s): %s
        <%s|%s>%s"""
        .formatted(escape(eventText(event)), subject.kind(), escape(subject.name()), text("chat.level"), level,
            escape(levelName(levelName)), escape(levelCause), work.url(), escape(work.label()),
            record.map(url -> " · <%s|%s>".formatted(url, subject.record())).orElse(""));
  }

  /** The link to a group's open task. */
  public Link task(String taskName, URI url) {
    return new Link(texts.get("chat.openTask", taskName), url);
  }

  /** The link to Tasklist when the group has no open task of the incident. */
  public Link tasklist(URI url) {
    return new Link(text("chat.openTasklist"), url);
  }

  /**
   * {@code decision-overdue} in the configured language ({@code chat.event.decision-overdue}); an
   * event a process owner added to a diagram without a text reads as a sentence: "Decision overdue".
   */
  String eventText(String event) {
    return texts.getOrDefault("chat.event." + event, sentence(event));
  }

  private String levelName(String name) {
    return name == null ? null : texts.getOrDefault("level." + name, name);
  }

  private String text(String key) {
    return texts.get(key);
  }

  static String sentence(String event) {
    String words = event.replace('-', ' ');
    return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }

  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
