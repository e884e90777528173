package io.chefsache.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** The parts of profile oidc that need no provider: claims to groups, the engine's user, the settings. */
class CompanyLoginTest {

  private static final DirectoryGroups MAPPING = new DirectoryGroups(Map.of(
      Roles.CREW, List.of("SocialMedia-Team"), Roles.AUDITORS, List.of("Interne-Revision")));

  @Test
  void theGroupsClaimIsAListASingleValueOrInsideAnObject() {
    assertThat(new CompanyGroups(MAPPING, "groups").roles(Map.of("groups", List.of("socialmedia-team", "Alle"))))
        .containsExactly(Roles.CREW);
    assertThat(new CompanyGroups(MAPPING, "groups").roles(Map.of("groups", "Interne-Revision")))
        .containsExactly(Roles.AUDITORS);
    assertThat(new CompanyGroups(MAPPING, "realm_access.roles")
        .roles(Map.of("realm_access", Map.of("roles", List.of("SocialMedia-Team", "Interne-Revision")))))
        .containsExactly(Roles.CREW, Roles.AUDITORS);
    assertThat(new CompanyGroups(MAPPING, "realm_access.roles").roles(Map.of("groups", List.of("SocialMedia-Team"))))
        .as("without the claim, no group").isEmpty();
  }

  @Test
  void theEnginesUserIsWhoeverSpringSecuritySignedInWithTheMappedGroupsOnly() {
    var provider = new SpringSecurityAuthentication();
    try {
      SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
          "mia.berger", null, AuthorityUtils.createAuthorityList("GROUP_social-media-crew", "OIDC_USER", "SCOPE_email")));
      var result = provider.extractAuthenticatedUser(null, null);
      assertThat(result.isAuthenticated()).isTrue();
      assertThat(result.getAuthenticatedUser()).isEqualTo("mia.berger");
      assertThat(result.getGroups()).containsExactly(Roles.CREW);

      SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
          AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
      assertThat(provider.extractAuthenticatedUser(null, null).isAuthenticated()).isFalse();
    } finally {
      SecurityContextHolder.clearContext();
    }
    assertThat(provider.extractAuthenticatedUser(null, null).isAuthenticated()).isFalse();
  }

  @Test
  void aMissingSettingStopsTheStartWithTheVariableToSet() {
    var complete = new CompanyLoginSettings("https://login.firma.example/realms/firma", "chefsache", "secret",
        List.of("openid", "profile"), "preferred_username", "groups", "");
    complete.check();

    assertThatThrownBy(() -> new CompanyLoginSettings("", "chefsache", "secret", List.of("openid"),
        "preferred_username", "groups", null).check()).hasMessageStartingWith("CHEFSACHE_OIDC_ISSUER_URI is not set");
    assertThatThrownBy(() -> new CompanyLoginSettings("https://login.firma.example", "chefsache", " ", List.of("openid"),
        "preferred_username", "groups", null).check()).hasMessageStartingWith("CHEFSACHE_OIDC_CLIENT_SECRET is not set");
    assertThatThrownBy(() -> new CompanyLoginSettings("https://login.firma.example", "chefsache", "secret",
        List.of("profile"), "preferred_username", "groups", null).check())
        .hasMessageStartingWith("CHEFSACHE_OIDC_SCOPES must contain openid");
  }
}
