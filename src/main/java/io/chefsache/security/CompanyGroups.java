package io.chefsache.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Chefsache's groups for the claims of an ID token or a bearer token: the values of the groups claim
 * mapped by {@link DirectoryGroups}, as Spring Security authorities ({@code GROUP_management}). The
 * claim may be a list or a single value; a dotted name reaches into an object (Keycloak's
 * {@code realm_access.roles}).
 */
final class CompanyGroups {

  private final DirectoryGroups mapping;
  private final String claim;

  CompanyGroups(DirectoryGroups mapping, String claim) {
    this.mapping = mapping;
    this.claim = claim;
  }

  Set<String> roles(Map<String, Object> claims) {
    return mapping.rolesOf(values(claims));
  }

  List<GrantedAuthority> authorities(Map<String, Object> claims) {
    return roles(claims).stream()
        .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(AuditPageSecurityConfiguration.AUTHORITY_PREFIX + role))
        .toList();
  }

  private List<String> values(Map<String, Object> claims) {
    Object value = claims;
    for (String part : claim.split("\\.")) {
      if (!(value instanceof Map<?, ?> object)) {
        return List.of();
      }
      value = object.get(part);
    }
    if (value instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(String.valueOf(value));
  }
}
