package io.chefsache.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Camunda's side of the company login (profile {@code oidc}): whoever Spring Security signed in for
 * this request (through the provider, a bearer token, or the break-glass login) is the engine's user,
 * with Chefsache's groups from the authorities ({@code GROUP_…}), never from the engine's membership
 * tables. Camunda's filters (webapps, engine REST, the incident API) create it by its class name.
 */
public class SpringSecurityAuthentication implements AuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
    if (signedIn == null || !signedIn.isAuthenticated() || signedIn instanceof AnonymousAuthenticationToken
        || signedIn.getName() == null || signedIn.getName().isBlank()) {
      return AuthenticationResult.unsuccessful();
    }
    AuthenticationResult result = AuthenticationResult.successful(signedIn.getName());
    result.setGroups(groups(signedIn));
    result.setTenants(List.of());
    return result;
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    response.setHeader("WWW-Authenticate", "Bearer");
  }

  static List<String> groups(Authentication signedIn) {
    String prefix = AuditPageSecurityConfiguration.AUTHORITY_PREFIX;
    return signedIn.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(authority -> authority.startsWith(prefix)).map(authority -> authority.substring(prefix.length()))
        .toList();
  }
}
