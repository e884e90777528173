package io.chefsache.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;

/**
 * Writes a timeline's summaries in one language: the {@code audit.entry.*} texts of
 * {@code messages*.properties}, times in the time zone asked for, groups by their names in Admin.
 */
record TimelineText(MessageSource messages, Map<String, String> groups, Locale locale, ZoneId zone) {

  /** An ISO-8601 duration, possibly repeating ("R/PT60M", "R3/PT1M"). */
  private static final Pattern CYCLE = Pattern.compile("(R\\d*/)?(P(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+S)?)?)");

  String text(String key, Object... arguments) {
    return messages.getMessage(key, arguments, locale);
  }

  String time(Instant instant) {
    return AuditFormat.instant(instant, locale, zone);
  }

  /** Groups as Admin names them ("Social-Media-Crew"); one without a name, or no longer there, by its id. */
  String groupNames(List<String> ids) {
    return GroupNames.of(groups, ids);
  }

  /**
   * A value as a person reads it: an ISO-8601 duration of a decision table ("PT60M", the cycle
   * "R/PT60M") in words ("60 min", "alle 60 min"); anything else as it is (the export's details keep
   * the value itself).
   */
  static Object readable(Object value) {
    if (value instanceof String text) {
      Matcher cycle = CYCLE.matcher(text);
      if (cycle.matches()) {
        try {
          String every = words(Duration.parse(cycle.group(2)));
          return cycle.group(1) != null ? "↻ " + every : every;
        } catch (DateTimeParseException notADuration) {
          return value;
        }
      }
    }
    return value;
  }

  /** "45 s", "12 min", "3 h 5 min": a duration as summaries and the audit pages write it. */
  static String words(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7_200) {
      return seconds / 60 + " min";
    }
    return "%d h %d min".formatted(seconds / 3600, seconds % 3600 / 60);
  }
}
