package io.chefsache.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every break-glass login of the local admin past the company login (profile {@code ldap}: without
 * asking the directory, {@link BreakGlassAdmin}; profile {@code oidc}: at {@code /login/local}), kept in
 * {@code break_glass_login} for the auditors: the audit pages list those of the period they look at.
 */
@Component
public class BreakGlassRecord {

  /** One sign-in: who and when. */
  public record SignIn(String userId, Instant at) {
  }

  private final JdbcTemplate jdbc;
  private final Clock clock;

  BreakGlassRecord(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void signedIn(String userId) {
    jdbc.update("insert into break_glass_login (user_id, logged_in_at) values (?, ?)", userId,
        Timestamp.from(clock.instant()));
  }

  /** The sign-ins from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
  public List<SignIn> between(Instant from, Instant to) {
    return jdbc.query("select user_id, logged_in_at from break_glass_login where logged_in_at >= ? and logged_in_at < ? "
        + "order by logged_in_at", (row, n) -> new SignIn(row.getString(1), row.getTimestamp(2).toInstant()),
        Timestamp.from(from), Timestamp.from(to));
  }
}
