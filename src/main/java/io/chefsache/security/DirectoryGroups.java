package io.chefsache.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which groups of the company's directory (LDAP or Active Directory group names, values of an
 * OpenID Connect groups claim) make someone a member of each of Chefsache's groups. Nobody has to
 * rename a group in the directory: {@code CHEFSACHE_GROUPS_CREW=SocialMedia-Team,Agentur-Nacht}
 * makes members of either directory group members of the social-media crew. A Chefsache group
 * without a setting is granted to nobody: a company group that merely has Chefsache's id as its name
 * (anyone who may create a group could name one {@code camunda-admin}) grants nothing. The start logs
 * which groups have no setting. Names are compared without regard to case, as Active Directory does.
 *
 * @param groups per Chefsache group id ({@link Roles}), the directory groups that grant it
 */
@ConfigurationProperties("chefsache.identity")
public record DirectoryGroups(Map<String, List<String>> groups) {

  private static final List<String> ROLES = List.of(Roles.CREW, Roles.MANAGEMENT, Roles.CRISIS_TEAM,
      Roles.CRISIS_APPROVERS, Roles.AUDITORS, Roles.PROCESS_OWNERS, Roles.ADMIN);

  public DirectoryGroups {
    groups = groups == null ? Map.of() : Map.copyOf(groups);
    for (String role : groups.keySet()) {
      if (!ROLES.contains(role)) {
        throw new IllegalArgumentException("chefsache.identity.groups." + role
            + " names no group of Chefsache; known are " + String.join(", ", ROLES));
      }
    }
  }

  /** The directory groups that grant one Chefsache group, as configured; none if none are. */
  public List<String> grantingGroups(String role) {
    return groups.getOrDefault(role, List.of()).stream().map(String::strip).filter(name -> !name.isEmpty()).toList();
  }

  /** Chefsache's groups that no company group grants, in {@link Roles}' order. */
  public List<String> unmapped() {
    return ROLES.stream().filter(role -> grantingGroups(role).isEmpty()).toList();
  }

  /** Chefsache's groups for someone who is a member of these directory groups, in {@link Roles}' order. */
  public Set<String> rolesOf(Collection<String> directoryGroups) {
    Set<String> memberships = directoryGroups.stream()
        .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    Set<String> roles = new LinkedHashSet<>();
    for (String role : ROLES) {
      if (grantingGroups(role).stream().anyMatch(name -> memberships.contains(name.toLowerCase(Locale.ROOT)))) {
        roles.add(role);
      }
    }
    return roles;
  }
}
