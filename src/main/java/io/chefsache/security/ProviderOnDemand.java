package io.chefsache.security;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The company's provider as Spring Security's client registration, read from the provider's discovery
 * document when someone first signs in, not at start-up: Chefsache starts, and the local admin can
 * sign in (break-glass), while the provider is down. A failed read is tried again at the next sign-in.
 */
final class ProviderOnDemand implements ClientRegistrationRepository {

  private final CompanyLoginSettings settings;
  private volatile ClientRegistration registration;

  ProviderOnDemand(CompanyLoginSettings settings) {
    this.settings = settings;
  }

  @Override
  public ClientRegistration findByRegistrationId(String registrationId) {
    if (!CompanyLoginSettings.REGISTRATION.equals(registrationId)) {
      return null;
    }
    ClientRegistration known = registration;
    if (known == null) {
      known = ClientRegistrations.fromIssuerLocation(settings.issuerUri())
          .registrationId(CompanyLoginSettings.REGISTRATION)
          .clientName("company")
          .clientId(settings.clientId())
          .clientSecret(settings.clientSecret())
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
          .scope(settings.scopes())
          .userNameAttributeName(settings.userIdClaim())
          .build();
      registration = known;
    }
    return known;
  }
}
