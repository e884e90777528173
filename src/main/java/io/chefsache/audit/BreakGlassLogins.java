package io.chefsache.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The logins of the break-glass admin in a period (profile ldap: the local admin, who logs in without
 * the company's directory; security's BreakGlassAdmin records each). Empty in every other profile.
 */
@Component
class BreakGlassLogins {

  static final int LIMIT = 500;

  record Login(String user, Instant at) {
  }

  private final JdbcTemplate jdbc;

  BreakGlassLogins(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<Login> between(Instant from, Instant to) {
    return jdbc.query("""
        select user_id, logged_in_at from break_glass_login where logged_in_at >= ? and logged_in_at < ?
        order by logged_in_at desc limit %d""".formatted(LIMIT),
        (rs, row) -> new Login(rs.getString(1), rs.getTimestamp(2).toInstant()), Timestamp.from(from), Timestamp.from(to));
  }
}
