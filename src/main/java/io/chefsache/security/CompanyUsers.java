package io.chefsache.security;

import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Someone the company's provider signed in (profile {@code oidc}): their user id is the configured
 * claim, their groups are Chefsache's groups mapped from the groups claim, asked anew at every sign-in.
 * They get a Camunda user of the same id, with name and e-mail from the provider and no password (so
 * Tasklist and Admin show their name, and nobody signs in as them with a password); memberships stay
 * with the provider. The local admin's id is refused: that account is the break-glass login.
 */
final class CompanyUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private static final Logger LOG = LoggerFactory.getLogger(CompanyUsers.class);

  private final OidcUserService provider = new OidcUserService();
  private final IdentityService identity;
  private final CompanyGroups groups;
  private final String userIdClaim;
  private final String localAdmin;

  CompanyUsers(IdentityService identity, CompanyGroups groups, String userIdClaim, String localAdmin) {
    this.identity = identity;
    this.groups = groups;
    this.userIdClaim = userIdClaim;
    this.localAdmin = localAdmin;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser signedIn = provider.loadUser(request);
    Object id = signedIn.getClaims().get(userIdClaim);
    if (!(id instanceof String userId) || userId.isBlank()) {
      throw refused("no-user-id", "the sign-in has no claim " + userIdClaim + " (CHEFSACHE_OIDC_USER_ID_CLAIM)");
    }
    if (userId.equalsIgnoreCase(localAdmin)) {
      throw refused("local-admin", userId + " is the local admin (CHEFSACHE_ADMIN_USER), who signs in at /login/local");
    }
    var authorities = groups.authorities(signedIn.getClaims());
    keepUser(userId, signedIn);
    LOG.info("{} signed in through the company's provider as a member of {}", userId,
        groups.roles(signedIn.getClaims()));
    return new DefaultOidcUser(authorities, signedIn.getIdToken(), signedIn.getUserInfo(), userIdClaim);
  }

  private void keepUser(String userId, OidcUser signedIn) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      user = identity.newUser(userId);
    } else if (Objects.equals(user.getFirstName(), signedIn.getGivenName())
        && Objects.equals(user.getLastName(), signedIn.getFamilyName())
        && Objects.equals(user.getEmail(), signedIn.getEmail())) {
      return;
    }
    user.setFirstName(signedIn.getGivenName());
    user.setLastName(signedIn.getFamilyName());
    user.setEmail(signedIn.getEmail());
    identity.saveUser(user);
  }

  private static OAuth2AuthenticationException refused(String code, String why) {
    LOG.warn("Sign-in through the company's provider refused: {}", why);
    return new OAuth2AuthenticationException(new OAuth2Error("chefsache-" + code, why, null));
  }
}
