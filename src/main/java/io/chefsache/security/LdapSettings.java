package io.chefsache.security;

import java.util.ArrayList;
import java.util.List;

/**
 * How the {@code ldap} profile reaches the company's directory ({@code chefsache.ldap.*}, environment
 * variables {@code CHEFSACHE_LDAP_…}; application-ldap.yaml holds the defaults, which fit Active
 * Directory). Bound only under that profile, so the other profiles need none of it.
 *
 * @param url {@code ldap://} or {@code ldaps://} address of the directory
 * @param bindDn the account Chefsache searches the directory with (read access suffices)
 * @param bindPassword its password
 * @param baseDn where users and groups are searched
 * @param userSearchBase below the base DN, where users are searched; empty: the whole base DN
 * @param userSearchFilter which entries are people
 * @param userIdAttribute the attribute staff log in with; it becomes their user id in the audit trail
 * @param userFirstNameAttribute first name
 * @param userLastNameAttribute last name
 * @param userEmailAttribute e-mail address
 * @param groupSearchBase below the base DN, where groups are searched; empty: the whole base DN
 * @param groupSearchFilter which entries are groups
 * @param groupNameAttribute the group's name, as {@code CHEFSACHE_GROUPS_…} names it
 * @param groupMemberAttribute the attribute of a group that lists its members (people and groups) by DN
 */
record LdapSettings(String url, String bindDn, String bindPassword, String baseDn, String userSearchBase,
    String userSearchFilter, String userIdAttribute, String userFirstNameAttribute, String userLastNameAttribute,
    String userEmailAttribute, String groupSearchBase, String groupSearchFilter, String groupNameAttribute,
    String groupMemberAttribute) {

  /** What is missing, each with the variable that sets it; empty when the settings are complete. */
  List<String> missing() {
    List<String> missing = new ArrayList<>();
    require(url, "CHEFSACHE_LDAP_URL (e.g. ldaps://ad.example.com:636)", missing);
    require(bindDn, "CHEFSACHE_LDAP_BIND_DN (the account Chefsache searches the directory with)", missing);
    require(bindPassword, "CHEFSACHE_LDAP_BIND_PASSWORD", missing);
    require(baseDn, "CHEFSACHE_LDAP_BASE_DN (e.g. DC=example,DC=com)", missing);
    require(userSearchFilter, "CHEFSACHE_LDAP_USER_SEARCH_FILTER", missing);
    require(userIdAttribute, "CHEFSACHE_LDAP_USER_ID_ATTRIBUTE", missing);
    require(groupSearchFilter, "CHEFSACHE_LDAP_GROUP_SEARCH_FILTER", missing);
    require(groupNameAttribute, "CHEFSACHE_LDAP_GROUP_NAME_ATTRIBUTE", missing);
    require(groupMemberAttribute, "CHEFSACHE_LDAP_GROUP_MEMBER_ATTRIBUTE", missing);
    return missing;
  }

  private static void require(String value, String variable, List<String> missing) {
    if (value == null || value.isBlank()) {
      missing.add(variable);
    }
  }
}
