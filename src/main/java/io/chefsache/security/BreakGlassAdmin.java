package io.chefsache.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Under the {@code ldap} profile the admin user ({@code CHEFSACHE_ADMIN_USER}, password
 * {@code CHEFSACHE_ADMIN_PASSWORD}) is the one login that does not ask the directory: the way in when
 * the directory is down or misconfigured. Every such login is logged at WARN and recorded in
 * {@code break_glass_login}, which the audit pages list; whatever the admin then does is in the engine's
 * user operation log under this user id, as for everyone.
 *
 * <p>A wrong password delays the next login as the engine does for its own users (the same settings,
 * 3 s doubling up to {@code CHEFSACHE_LOGIN_DELAY_MAX_SECONDS}): during the delay every login fails, the
 * right password included. The directory does this for everyone else; without it, the admin's password
 * could be guessed at full speed. The delay is kept per node, in memory.
 */
class BreakGlassAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(BreakGlassAdmin.class);

  /** The engine's login delay: {@code base × factor^(failures − 1)} seconds, at most {@code max}. */
  record LoginDelay(int baseSeconds, int factor, int maxSeconds) {
    Duration after(int failures) {
      double seconds = baseSeconds * Math.pow(factor, failures - 1);
      return Duration.ofSeconds((long) Math.min(seconds, maxSeconds));
    }
  }

  private final String id;
  private final byte[] password;
  private final BreakGlassRecord record;
  private final Clock clock;
  private final LoginDelay delay;
  private int failures;
  private Instant delayedUntil = Instant.MIN;

  BreakGlassAdmin(String id, String password, BreakGlassRecord record, Clock clock, LoginDelay delay) {
    this.id = id;
    this.password = password.getBytes(StandardCharsets.UTF_8);
    this.record = record;
    this.clock = clock;
    this.delay = delay;
  }

  boolean is(String userId) {
    return id.equals(userId);
  }

  String id() {
    return id;
  }

  /** Checks the password without asking the directory; a right one is logged and recorded. */
  boolean checkPassword(String candidate) {
    synchronized (this) {
      Instant now = clock.instant();
      if (now.isBefore(delayedUntil)) {
        LOG.warn("Break-glass admin {}: login refused, delayed after a wrong password until {}", id, delayedUntil);
        return false;
      }
      if (candidate == null || !MessageDigest.isEqual(password, candidate.getBytes(StandardCharsets.UTF_8))) {
        failures++;
        delayedUntil = now.plus(delay.after(failures));
        LOG.warn("Break-glass admin {}: wrong password; the next login is possible at {}", id, delayedUntil);
        return false;
      }
      failures = 0;
    }
    LOG.warn("Break-glass login of {}: the directory was not asked (src/site/markdown/company-login.md)", id);
    record.signedIn(id);
    return true;
  }
}
