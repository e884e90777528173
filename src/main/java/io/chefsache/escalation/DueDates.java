package io.chefsache.escalation;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.springframework.stereotype.Component;

/** Due dates for Tasklist from the ISO-8601 durations of DMN ResponseDeadlines: {@code ${dueDates.after('PT30M')}}. */
@Component("dueDates")
public class DueDates {

  private final Clock clock;

  DueDates(Clock clock) {
    this.clock = clock;
  }

  public Date after(String isoDuration) {
    return Date.from(clock.instant().plus(Duration.parse(isoDuration)));
  }
}
