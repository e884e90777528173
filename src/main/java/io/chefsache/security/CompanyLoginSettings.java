package io.chefsache.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The company's OpenID Connect provider (profile {@code oidc}, src/site/markdown/company-login.md), set
 * with the {@code CHEFSACHE_OIDC_*} environment variables in application-oidc.yaml. Which of the
 * provider's groups make someone a member of which of Chefsache's groups is {@link DirectoryGroups}.
 *
 * @param issuerUri the provider's issuer; its {@code /.well-known/openid-configuration} says the rest
 * @param clientId Chefsache's client at the provider
 * @param clientSecret its secret
 * @param scopes what Chefsache asks for when someone signs in
 * @param userIdClaim the claim whose value is the user id in Camunda (tasks, history, four eyes)
 * @param groupsClaim the claim that lists someone's groups (a dotted path reaches into an object)
 * @param audience what a bearer token on the REST APIs must name in {@code aud}
 */
@ConfigurationProperties("chefsache.identity.oidc")
public record CompanyLoginSettings(String issuerUri, String clientId, String clientSecret, List<String> scopes,
    String userIdClaim, String groupsClaim, String audience) {

  /** The registration id in Spring Security's paths, e.g. {@code /oauth2/authorization/company}. */
  static final String REGISTRATION = "company";

  public CompanyLoginSettings {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }

  /** Refuses to start without what the sign-in needs, naming the environment variable to set. */
  void check() {
    require(issuerUri, "CHEFSACHE_OIDC_ISSUER_URI", "the provider's issuer, e.g. https://login.example/realms/company");
    require(clientId, "CHEFSACHE_OIDC_CLIENT_ID", "Chefsache's client id at the provider");
    require(clientSecret, "CHEFSACHE_OIDC_CLIENT_SECRET", "the client's secret");
    require(userIdClaim, "CHEFSACHE_OIDC_USER_ID_CLAIM", "the claim that names the user, e.g. preferred_username");
    require(groupsClaim, "CHEFSACHE_OIDC_GROUPS_CLAIM", "the claim that lists the user's groups, e.g. groups");
    if (!scopes.contains("openid")) {
      throw new IllegalStateException("CHEFSACHE_OIDC_SCOPES must contain openid (now: " + String.join(",", scopes)
          + "): profile oidc signs people in with OpenID Connect (src/site/markdown/company-login.md)");
    }
  }

  private static void require(String value, String variable, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(variable + " is not set: profile oidc needs " + what
          + " (src/site/markdown/company-login.md)");
    }
  }
}
