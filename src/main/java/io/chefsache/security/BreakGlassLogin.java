package io.chefsache.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The break-glass login of profile {@code oidc} ({@code /login/local}): for when the company's provider
 * is down, only the local admin ({@code CHEFSACHE_ADMIN_USER}, {@code CHEFSACHE_ADMIN_PASSWORD}) signs
 * in with a password, checked by the engine (with its login delay after wrong passwords). Every such
 * sign-in is logged as a warning, and kept for the auditors in {@link BreakGlassRecord}.
 */
final class BreakGlassLogin implements AuthenticationProvider {

  private static final Logger LOG = LoggerFactory.getLogger(BreakGlassLogin.class);

  private final IdentityService identity;
  private final String localAdmin;
  private final BreakGlassRecord record;

  BreakGlassLogin(IdentityService identity, String localAdmin, BreakGlassRecord record) {
    this.identity = identity;
    this.localAdmin = localAdmin;
    this.record = record;
  }

  @Override
  public Authentication authenticate(Authentication login) {
    String user = login.getName();
    if (!localAdmin.equals(user) || login.getCredentials() == null
        || !identity.checkPassword(user, login.getCredentials().toString())) {
      LOG.warn("Break-glass login refused for '{}': only the local admin signs in with a password under profile oidc",
          user);
      throw new BadCredentialsException("Wrong user or password");
    }
    List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).map(group -> new SimpleGrantedAuthority(AuditPageSecurityConfiguration.AUTHORITY_PREFIX + group))
        .toList();
    LOG.warn("BREAK-GLASS: the local admin '{}' signed in with a password, bypassing the company's provider", user);
    record.signedIn(user);
    return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
