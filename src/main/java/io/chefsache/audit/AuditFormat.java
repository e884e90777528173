package io.chefsache.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.springframework.stereotype.Component;

/** How the audit pages write times, durations and evidence (used by the templates as {@code @auditFormat}). */
@Component("auditFormat")
public class AuditFormat {

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  public String instant(Instant instant) {
    return instant == null ? "" : UTC.format(instant);
  }

  public String duration(Duration duration) {
    return duration == null ? "" : IncidentTimeline.words(duration);
  }

  public String json(Map<String, Object> details) {
    try {
      return AuditExports.JSON.writeValueAsString(details);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
