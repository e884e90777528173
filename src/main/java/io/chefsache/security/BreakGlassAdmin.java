package io.chefsache.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Under the {@code ldap} profile the admin user ({@code CHEFSACHE_ADMIN_USER}, password
 * {@code CHEFSACHE_ADMIN_PASSWORD}) is the one login that does not ask the directory: the way in when
 * the directory is down or misconfigured. Every such login is logged at WARN and recorded in
 * {@code break_glass_login}, which the audit pages list; whatever the admin then does is in the engine's
 * user operation log under this user id, as for everyone.
 */
class BreakGlassAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(BreakGlassAdmin.class);

  private final String id;
  private final byte[] password;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  BreakGlassAdmin(String id, String password, JdbcTemplate jdbc, Clock clock) {
    this.id = id;
    this.password = password.getBytes(StandardCharsets.UTF_8);
    this.jdbc = jdbc;
    this.clock = clock;
  }

  boolean is(String userId) {
    return id.equals(userId);
  }

  String id() {
    return id;
  }

  /** Checks the password without asking the directory; a right one is logged and recorded. */
  boolean checkPassword(String candidate) {
    if (candidate == null || !MessageDigest.isEqual(password, candidate.getBytes(StandardCharsets.UTF_8))) {
      LOG.warn("Break-glass admin {}: wrong password", id);
      return false;
    }
    LOG.warn("Break-glass login of {}: the directory was not asked (src/site/markdown/company-login.md)", id);
    jdbc.update("insert into break_glass_login (user_id, logged_in_at) values (?, ?)", id,
        Timestamp.from(clock.instant()));
    return true;
  }
}
