package io.chefsache.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Texts that Chefsache writes into its records for people (a situation's title, the line as the
 * crew reads it), in the configured language ({@code chefsache.language}, German by default; the
 * texts are in {@code messages*.properties}).
 */
@Component
public class Texts {

  private static final Pattern MESSAGES_FILE = Pattern.compile("messages_([a-z]{2,3})\\.properties$");

  private final MessageSource messages;
  private final Locale locale;
  private final List<Locale> languages;

  public Texts(MessageSource messages, @Value("${chefsache.language:de}") String language) {
    this.messages = messages;
    this.locale = Locale.forLanguageTag(language);
    this.languages = languages(locale);
  }

  /**
   * German (messages.properties), the configured language and every language with a
   * messages_<code>.properties beside it (not those of libraries).
   */
  private static List<Locale> languages(Locale configured) {
    TreeSet<String> codes = new TreeSet<>(List.of("de", configured.getLanguage()));
    try {
      String beside = new ClassPathResource("messages.properties").getURL().toString()
          .replaceFirst("messages\\.properties$", "");
      for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:messages_*.properties")) {
        Matcher code = MESSAGES_FILE.matcher(file.getURL().toString());
        if (file.getURL().toString().startsWith(beside) && code.find()) {
          codes.add(code.group(1));
        }
      }
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
    return codes.stream().map(Locale::forLanguageTag).toList();
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

  /** The languages Chefsache has texts for, which people can choose for its pages. */
  public List<Locale> languages() {
    return languages;
  }
}
