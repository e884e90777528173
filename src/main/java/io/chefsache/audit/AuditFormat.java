package io.chefsache.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * How the audit pages write times, durations and evidence (used by the templates as
 * {@code @auditFormat}): times in the viewer's time zone and language with the zone named, because
 * an auditor compares them with chat logs and phone calls.
 */
@Component("auditFormat")
public class AuditFormat {

  public String instant(Instant instant) {
    return instant(instant, locale(), zone());
  }

  /** "03.12.2026, 14:07:06 MEZ": a moment in a language and time zone, the zone named. */
  static String instant(Instant instant, Locale locale, ZoneId zone) {
    return instant == null ? "" : new DateTimeFormatterBuilder()
        .appendLocalized(FormatStyle.MEDIUM, FormatStyle.MEDIUM).appendLiteral(' ').appendZoneText(TextStyle.SHORT)
        .toFormatter(locale).withZone(zone).format(instant);
  }

  /** A day of a period, in the viewer's language. */
  public String date(LocalDate date) {
    return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(date);
  }

  /** The viewer's time zone as the pages name it, e.g. "Europe/Berlin (MEZ)". */
  public String zoneName() {
    return "%s (%s)".formatted(zone().getId(),
        DateTimeFormatter.ofPattern("zzz", locale()).withZone(zone()).format(Instant.now()));
  }

  /** The viewer's time zone id, which the pages' script compares with the browser's. */
  public String zoneId() {
    return zone().getId();
  }

  /** The viewer's language code, for {@code <html lang>}. */
  public String language() {
    return locale().getLanguage();
  }

  public String duration(Duration duration) {
    return duration == null ? "" : TimelineText.words(duration);
  }

  public String json(Map<String, Object> details) {
    try {
      return AuditExports.JSON.writeValueAsString(details);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static ZoneId zone() {
    return LocaleContextHolder.getTimeZone().toZoneId();
  }

  private static Locale locale() {
    return LocaleContextHolder.getLocale();
  }
}
