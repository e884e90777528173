package io.chefsache.config;

import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Texts that Chefsache writes into its records for people (a situation's title, the line as the
 * crew reads it), in the configured language ({@code chefsache.language}, German by default; the
 * texts are in {@code messages*.properties}).
 */
@Component
public class Texts {

  private final MessageSource messages;
  private final Locale locale;

  public Texts(MessageSource messages, @Value("${chefsache.language:de}") String language) {
    this.messages = messages;
    this.locale = Locale.forLanguageTag(language);
  }

  /** The text of {@code key} with its arguments filled in. */
  public String get(String key, Object... arguments) {
    return messages.getMessage(key, arguments, locale);
  }

  /** The text of {@code key}, or {@code fallback} if there is none (e.g. a value a process owner added). */
  public String getOrDefault(String key, String fallback) {
    return messages.getMessage(key, null, fallback, locale);
  }

  /**
   * A form's completion refused: {@code field: text}, the field first, so that engine REST and
   * Tasklist name it (see {@code EngineRestRefusals}).
   */
  public String refusal(String field, String key, Object... arguments) {
    return field + ": " + get("refusal." + key, arguments);
  }

  public Locale locale() {
    return locale;
  }
}
