package io.chefsache.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.naming.NamingEnumeration;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.PartialResultException;
import javax.naming.directory.Attribute;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.LdapName;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.IdentityProviderException;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;
import org.camunda.bpm.identity.impl.ldap.LdapGroupQuery;
import org.camunda.bpm.identity.impl.ldap.LdapIdentityProviderSession;
import org.camunda.bpm.identity.impl.ldap.LdapUserQueryImpl;

/**
 * Camunda's LDAP identity provider, except that the engine sees Chefsache's groups ({@link Roles}), never
 * the directory's: a person's groups are the Chefsache groups that {@link DirectoryGroups} grants for the
 * directory groups they belong to, directly or through groups within groups; a Chefsache group's members
 * are the people of those directory groups, nested ones included. So BPMN candidate groups, Tasklist
 * filters and authorizations keep naming Chefsache's ids, and nobody renames a group in the directory.
 *
 * <p>Nesting is resolved by following the member attribute (group by group, each group once), not by
 * Active Directory's LDAP_MATCHING_RULE_IN_CHAIN filter, which only Active Directory implements (the tests'
 * in-memory server refuses it): following members works on every directory, at the cost of one search per
 * group on the way.
 *
 * <p>Users come from the directory as in Camunda's plugin (their id is the configured attribute and must be
 * given with the directory's spelling: {@code MIA} is not {@code mia}, so four eyes cannot be fooled by
 * case), except the break-glass admin, who is never looked up there ({@link BreakGlassAdmin}).
 */
class DirectoryIdentitySession extends LdapIdentityProviderSession {

  private final DirectoryGroups mapping;
  private final Map<String, String> groupNames;
  private final BreakGlassAdmin breakGlass;
  private LdapContext directory;

  DirectoryIdentitySession(LdapConfiguration configuration, DirectoryGroups mapping, Map<String, String> groupNames,
      BreakGlassAdmin breakGlass) {
    super(configuration);
    this.mapping = mapping;
    this.groupNames = groupNames;
    this.breakGlass = breakGlass;
  }

  @Override
  public void close() {
    super.close();
    if (directory != null) {
      try {
        directory.close();
      } catch (NamingException e) {
        // the connection is gone either way
      }
      directory = null;
    }
  }

  // Passwords ////////////////////////////////////////////////////////////////////////////////////

  @Override
  public boolean checkPassword(String userId, String password) {
    if (breakGlass.is(userId)) {
      return breakGlass.checkPassword(password);
    }
    User user = findUserById(userId);
    return user != null && user.getId().equals(userId) && super.checkPassword(userId, password);
  }

  // Users ////////////////////////////////////////////////////////////////////////////////////////

  @Override
  public long findUserCountByQueryCriteria(LdapUserQueryImpl query) {
    return findUserByQueryCriteria(query).size();
  }

  @Override
  public List<User> findUserByQueryCriteria(LdapUserQueryImpl query) {
    boolean admins = query.getGroupId() == null || Roles.ADMIN.equals(query.getGroupId());
    if (breakGlass.is(query.getId())) {
      // never asks the directory: this is the way in while it is down
      return admins ? List.of(breakGlassUser()) : List.of();
    }
    List<User> users = new ArrayList<>(super.findUserByQueryCriteria(query));
    if (admins && query.getIds() != null && Arrays.stream(query.getIds()).anyMatch(breakGlass::is)) {
      users.add(breakGlassUser());
    }
    return users;
  }

  /** The members of a Chefsache group: the people of the directory groups that grant it, nested ones included. */
  @Override
  protected List<User> findUsersByGroupId(LdapUserQueryImpl query) {
    String userBase = composeDn(ldapConfiguration.getUserSearchBase(), ldapConfiguration.getBaseDn());
    List<User> members = new ArrayList<>();
    for (LdapName person : peopleIn(query.getGroupId())) {
      if (isBelow(person, userBase)) {
        members.addAll(findUsersWithoutGroupId(query, person.toString(), true));
      }
    }
    return members.stream().skip(query.getFirstResult()).limit(query.getMaxResults()).toList();
  }

  private User breakGlassUser() {
    UserEntity user = new UserEntity(breakGlass.id());
    user.setFirstName("Chefsache");
    user.setLastName("Administrator (Notfallzugang)");
    return user;
  }

  // Groups ///////////////////////////////////////////////////////////////////////////////////////

  @Override
  public long findGroupCountByQueryCriteria(LdapGroupQuery query) {
    return findGroupByQueryCriteria(query).size();
  }

  /** Chefsache's groups, filtered by the query; a member's groups come from the directory. */
  @Override
  public List<Group> findGroupByQueryCriteria(LdapGroupQuery query) {
    if (query.getTenantId() != null) {
      return List.of();
    }
    Stream<String> ids = groupNames.keySet().stream();
    if (query.getUserId() != null) {
      ids = groupsOf(query.getUserId()).stream();
    }
    Predicate<String> name = id -> true;
    if (query.getName() != null) {
      name = id -> groupNames.get(id).equals(query.getName());
    } else if (query.getNameLike() != null) {
      Pattern like = like(query.getNameLike());
      name = id -> like.matcher(groupNames.get(id)).matches();
    }
    Predicate<String> byName = name;
    return ids
        .filter(id -> query.getId() == null || query.getId().equals(id))
        .filter(id -> query.getIds() == null || List.of(query.getIds()).contains(id))
        .filter(byName)
        .filter(id -> query.getType() == null || query.getType().equals(type(id)))
        .filter(id -> isAuthorizedToRead(Resources.GROUP, id))
        .skip(query.getFirstResult()).limit(query.getMaxResults())
        .map(this::group).toList();
  }

  private Group group(String id) {
    GroupEntity group = new GroupEntity(id);
    group.setName(groupNames.get(id));
    group.setType(type(id));
    return group;
  }

  private static String type(String id) {
    return Roles.ADMIN.equals(id) ? "SYSTEM" : "WORKFLOW";
  }

  /** A query's LIKE pattern ({@code %} and, as the plugin accepts it, {@code *}) as a regular expression. */
  private static Pattern like(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("[%*]", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  /** Chefsache's groups for a person: the directory groups they are in, directly or nested, mapped. */
  private Set<String> groupsOf(String userId) {
    if (breakGlass.is(userId)) {
      return Set.of(Roles.ADMIN);
    }
    LdapName person = personDn(userId);
    if (person == null) {
      return Set.of();
    }
    String groupBase = composeDn(ldapConfiguration.getGroupSearchBase(), ldapConfiguration.getBaseDn());
    Map<LdapName, String> found = new LinkedHashMap<>();
    List<LdapName> next = List.of(person);
    while (!next.isEmpty()) {
      List<LdapName> containing = new ArrayList<>();
      for (LdapName member : next) {
        String filter = "(&" + ldapConfiguration.getGroupSearchFilter() + "(" + ldapConfiguration.getGroupMemberAttribute()
            + "=" + escapeLDAPSearchFilter(member.toString()) + "))";
        for (SearchResult group : search(groupBase, filter, SearchControls.SUBTREE_SCOPE)) {
          LdapName dn = dn(group.getNameInNamespace());
          if (!found.containsKey(dn)) {
            found.put(dn, value(group, ldapConfiguration.getGroupIdAttribute()));
            containing.add(dn);
          }
        }
      }
      next = containing;
    }
    return mapping.rolesOf(found.values().stream().filter(name -> name != null).toList());
  }

  /** The people in the directory groups that grant a Chefsache group, following groups within groups. */
  private Set<LdapName> peopleIn(String role) {
    if (!groupNames.containsKey(role)) {
      return Set.of();
    }
    String groupBase = composeDn(ldapConfiguration.getGroupSearchBase(), ldapConfiguration.getBaseDn());
    Set<LdapName> groups = new LinkedHashSet<>();
    List<LdapName> next = new ArrayList<>();
    for (String name : mapping.grantingGroups(role)) {
      String filter = "(&" + ldapConfiguration.getGroupSearchFilter() + "(" + ldapConfiguration.getGroupIdAttribute()
          + "=" + escapeLDAPSearchFilter(name) + "))";
      search(groupBase, filter, SearchControls.SUBTREE_SCOPE).forEach(group -> next.add(dn(group.getNameInNamespace())));
    }
    Set<LdapName> people = new LinkedHashSet<>();
    while (!next.isEmpty()) {
      LdapName group = next.remove(0);
      if (!groups.add(group)) {
        continue;
      }
      List<SearchResult> entry = search(group.toString(), ldapConfiguration.getGroupSearchFilter(), SearchControls.OBJECT_SCOPE);
      for (String member : entry.isEmpty() ? List.<String>of() : values(entry.get(0), ldapConfiguration.getGroupMemberAttribute())) {
        LdapName dn = dn(member);
        if (isGroup(dn)) {
          next.add(dn);
        } else {
          people.add(dn);
        }
      }
    }
    return people;
  }

  private boolean isGroup(LdapName dn) {
    return !search(dn.toString(), ldapConfiguration.getGroupSearchFilter(), SearchControls.OBJECT_SCOPE).isEmpty();
  }

  private LdapName personDn(String userId) {
    String userBase = composeDn(ldapConfiguration.getUserSearchBase(), ldapConfiguration.getBaseDn());
    String filter = "(&" + ldapConfiguration.getUserSearchFilter() + "(" + ldapConfiguration.getUserIdAttribute() + "="
        + escapeLDAPSearchFilter(userId) + "))";
    List<SearchResult> people = search(userBase, filter, SearchControls.SUBTREE_SCOPE);
    return people.size() == 1 ? dn(people.get(0).getNameInNamespace()) : null;
  }

  private static boolean isBelow(LdapName entry, String base) {
    return base.isEmpty() || entry.startsWith(dn(base));
  }

  // The directory ////////////////////////////////////////////////////////////////////////////////

  private List<SearchResult> search(String base, String filter, int scope) {
    if (directory == null) {
      directory = ldapClient.openContext(ldapConfiguration.getManagerDn(), ldapConfiguration.getManagerPassword());
    }
    SearchControls controls = ldapConfiguration.getSearchControls();
    controls.setSearchScope(scope);
    List<SearchResult> results = new ArrayList<>();
    try {
      NamingEnumeration<SearchResult> found = directory.search(base, filter, controls);
      try {
        while (found.hasMore()) {
          results.add(found.next());
        }
      } finally {
        found.close();
      }
    } catch (PartialResultException e) {
      // Active Directory ends a search below a domain's root with references to other partitions
      return results;
    } catch (NameNotFoundException e) {
      return List.of();
    } catch (NamingException e) {
      throw new IdentityProviderException("LDAP search below " + base + " failed", e);
    }
    return results;
  }

  private static String value(SearchResult entry, String attribute) {
    List<String> values = values(entry, attribute);
    return values.isEmpty() ? null : values.get(0);
  }

  private static List<String> values(SearchResult entry, String attribute) {
    Attribute values = entry.getAttributes().get(attribute);
    if (values == null) {
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    try {
      NamingEnumeration<?> all = values.getAll();
      while (all.hasMore()) {
        strings.add(String.valueOf(all.next()));
      }
    } catch (NamingException e) {
      throw new IdentityProviderException("Could not read " + attribute + " of " + entry.getNameInNamespace(), e);
    }
    return strings;
  }

  private static LdapName dn(String name) {
    try {
      return new LdapName(name);
    } catch (javax.naming.InvalidNameException e) {
      throw new IdentityProviderException("Not a DN: " + name, e);
    }
  }
}
