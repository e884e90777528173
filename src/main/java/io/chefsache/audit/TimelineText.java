package io.chefsache.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.MessageSource;

/**
 * Writes a timeline's summaries in one language: the {@code audit.entry.*} texts of
 * {@code messages*.properties}, times in the time zone asked for, groups by their names in Admin.
 */
record TimelineText(MessageSource messages, IdentityService identity, Locale locale, ZoneId zone) {

  String text(String key, Object... arguments) {
    return messages.getMessage(key, arguments, locale);
  }

  String time(Instant instant) {
    return AuditFormat.instant(instant, locale, zone);
  }

  /** Groups as Admin names them ("Social-Media-Crew"); a group that no longer exists by its id. */
  String groupNames(List<String> groups) {
    return String.join(", ", groups.stream().map(id -> Optional.ofNullable(identity.createGroupQuery().groupId(id)
        .singleResult()).map(Group::getName).orElse(id)).toList());
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
