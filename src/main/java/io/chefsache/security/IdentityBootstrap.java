package io.chefsache.security;

import static io.chefsache.security.Grants.grant;

import io.chefsache.config.ChefsacheProperties;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaProcessEngineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the crisis plan's groups and their authorizations when the engine starts, and the people
 * that the configuration lists (only the demo profile lists any). Runs on every start and only adds
 * what is missing, so changes made in Camunda Admin are kept. A group that still has the English
 * name it was created with before the groups had German names (until 3 December 2026) gets its
 * German name; a name an admin gave it stays. The Tasklist filters belong to the escalation model
 * they show ({@code escalation.TasklistFilters}). With a directory (profile {@code ldap}) the identity
 * service is read-only: groups and people come from the directory ({@link DirectoryIdentitySession}) and
 * only the authorizations are granted here, to the same group ids.
 *
 * <p>Being an engine plugin, it is created (and its configuration validated) before the engine is
 * built: without an admin password the application stops before the admin user could be created
 * with a guessable one.
 */
@Component
class IdentityBootstrap implements CamundaProcessEngineConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);

  /** The names Camunda Admin shows, in {@link Roles}' order; the ids are what diagrams, filters and authorizations use. */
  static final Map<String, String> GROUP_NAMES = names(
      Roles.CREW, "Social-Media-Crew",
      Roles.MANAGEMENT, "Geschäftsleitung (direkter Draht)",
      Roles.CRISIS_TEAM, "Krisenstab",
      Roles.CRISIS_APPROVERS, "Krisenfreigabe (CEO oder Vertretung)",
      Roles.AUDITORS, "Revision",
      Roles.PROCESS_OWNERS, "Prozessverantwortliche");

  /** The English names the groups were created with until 3 December 2026. */
  private static final Map<String, String> FORMER_GROUP_NAMES = Map.of(
      Roles.CREW, "Social-media crew",
      Roles.MANAGEMENT, "Management (direct line)",
      Roles.CRISIS_TEAM, "Crisis team",
      Roles.CRISIS_APPROVERS, "Crisis approvers (CEO or deputy)",
      Roles.AUDITORS, "Auditors",
      Roles.PROCESS_OWNERS, "Process owners");

  /** The name Camunda gives its administrators' group, and Chefsache's. */
  private static final String CAMUNDA_ADMIN_NAME = "camunda BPM Administrators";
  static final String ADMINISTRATORS = "Camunda-Administration";

  private final ChefsacheProperties properties;

  IdentityBootstrap(ChefsacheProperties properties) {
    this.properties = properties;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    grantAuthorizations(engine.getAuthorizationService());
    if (identity.isReadOnly()) {
      // a directory (profile ldap) holds the people; its groups appear to the engine under these ids
      LOG.info("The identity service is read-only: people and groups come from the directory");
      grantAdministrators(engine.getAuthorizationService());
      return;
    }
    GROUP_NAMES.forEach((id, name) -> createGroup(identity, id, name));
    properties.users().forEach(user -> createUser(identity, user));
  }

  /**
   * Camunda's starter grants its administrators' group everything when it creates the admin user, which
   * it cannot in a read-only identity service; the group gets the same grants here, so that Admin shows the
   * same authorizations with or without a directory.
   */
  private static void grantAdministrators(AuthorizationService authorizations) {
    for (Resources resource : Resources.values()) {
      grant(authorizations, Roles.ADMIN, resource, "*", Permissions.ALL);
    }
  }

  /**
   * Camunda creates its administrators' group ({@code camunda-admin}) itself, after this
   * configuration, as "camunda BPM Administrators": once everything has started, it gets a German
   * name too (a name an admin chose stays).
   */
  @EventListener(ApplicationReadyEvent.class)
  void nameTheAdministratorsGroup(ApplicationReadyEvent started) {
    IdentityService identity = started.getApplicationContext().getBean(IdentityService.class);
    if (identity.isReadOnly()) {
      return;
    }
    Group admins = identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).singleResult();
    if (admins != null && CAMUNDA_ADMIN_NAME.equals(admins.getName())) {
      admins.setName(ADMINISTRATORS);
      identity.saveGroup(admins);
    }
  }

  private static Map<String, String> names(String... idsAndNames) {
    Map<String, String> names = new LinkedHashMap<>();
    for (int i = 0; i < idsAndNames.length; i += 2) {
      names.put(idsAndNames[i], idsAndNames[i + 1]);
    }
    return Collections.unmodifiableMap(names);
  }

  private static void createGroup(IdentityService identity, String id, String name) {
    Group existing = identity.createGroupQuery().groupId(id).singleResult();
    if (existing != null) {
      if (FORMER_GROUP_NAMES.get(id).equals(existing.getName())) {
        existing.setName(name);
        identity.saveGroup(existing);
        LOG.info("Renamed group {} to {}", id, name);
      }
      return;
    }
    Group group = identity.newGroup(id);
    group.setName(name);
    group.setType("WORKFLOW");
    identity.saveGroup(group);
    LOG.info("Created group {}", id);
  }

  private static void createUser(IdentityService identity, ChefsacheProperties.User person) {
    if (identity.createUserQuery().userId(person.id()).count() == 0) {
      User user = identity.newUser(person.id());
      user.setFirstName(person.firstName());
      user.setLastName(person.lastName());
      user.setEmail(person.email());
      user.setPassword(person.password());
      identity.saveUser(user);
      LOG.info("Created user {}", person.id());
    }
    for (String group : person.groups()) {
      if (identity.createUserQuery().userId(person.id()).memberOfGroup(group).count() == 0) {
        identity.createMembership(person.id(), group);
      }
    }
  }

  private static void grantAuthorizations(AuthorizationService authorizations) {
    for (String group : Roles.STAFF) {
      grant(authorizations, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(authorizations, group, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
      grant(authorizations, group, Resources.DECISION_DEFINITION, "*", Permissions.READ);
      grant(authorizations, group, Resources.DEPLOYMENT, "*", Permissions.READ);
    }

    String management = Roles.MANAGEMENT;
    grant(authorizations, management, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ_HISTORY);
    grant(authorizations, management, Resources.PROCESS_INSTANCE, "*", Permissions.READ);

    String auditors = Roles.AUDITORS;
    grant(authorizations, auditors, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(authorizations, auditors, Resources.PROCESS_DEFINITION, "*",
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_HISTORY);
    grant(authorizations, auditors, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
    grant(authorizations, auditors, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
    grant(authorizations, auditors, Resources.DEPLOYMENT, "*", Permissions.READ);
    grant(authorizations, auditors, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
    grant(authorizations, auditors, Resources.TASK, "*", TaskPermissions.READ);
    grant(authorizations, auditors, Resources.HISTORIC_TASK, "*", HistoricTaskPermissions.READ);
    grant(authorizations, auditors, Resources.HISTORIC_PROCESS_INSTANCE, "*", HistoricProcessInstancePermissions.READ);
    grant(authorizations, auditors, Resources.OPERATION_LOG_CATEGORY, "*", UserOperationLogCategoryPermissions.READ);

    String owners = Roles.PROCESS_OWNERS;
    grant(authorizations, owners, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(authorizations, owners, Resources.DEPLOYMENT, "*", Permissions.CREATE, Permissions.READ);
    grant(authorizations, owners, Resources.PROCESS_DEFINITION, "*",
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_HISTORY);
    grant(authorizations, owners, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
    grant(authorizations, owners, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
    // Cockpit counts running instances per definition without checking this; its definition page lists
    // them only with it. Owners read the instances' history already (READ_HISTORY above).
    grant(authorizations, owners, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
  }
}
