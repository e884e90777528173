package io.chefsache.security;

import java.util.List;

/** The groups of the crisis plan. Ids are what BPMN candidate groups and Tasklist filters name. */
public final class Roles {
  public static final String CREW = "social-media-crew";
  public static final String MANAGEMENT = "management";
  public static final String CRISIS_TEAM = "crisis-team";
  public static final String CRISIS_APPROVERS = "crisis-approvers";
  public static final String AUDITORS = "auditors";
  public static final String PROCESS_OWNERS = "process-owners";
  public static final String ADMIN = "camunda-admin";

  /** Groups whose members work tasks in Tasklist. */
  public static final List<String> STAFF = List.of(CREW, MANAGEMENT, CRISIS_TEAM, CRISIS_APPROVERS);

  /** Groups who may read the audit pages: auditors, and management for its own decisions. */
  public static final List<String> AUDIT_PAGE_READERS = List.of(AUDITORS, MANAGEMENT);

  private Roles() {
  }

  public static boolean mayReadAuditPages(String group) {
    return AUDIT_PAGE_READERS.contains(group);
  }
}
