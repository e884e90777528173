package io.chefsache.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.ChefsacheTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda Admin lists the crisis plan's groups under German names. A database from before
 * (English names) gets them on the next start, without new groups or lost members; a name an
 * admin chose stays.
 */
@ChefsacheTest
class GroupNamesTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  IdentityBootstrap bootstrap;

  @Test
  void adminListsTheGroupsUnderGermanNames() {
    assertThat(name("social-media-crew")).isEqualTo("Social-Media-Crew");
    assertThat(name("management")).isEqualTo("Geschäftsleitung (direkter Draht)");
    assertThat(name("crisis-team")).isEqualTo("Krisenstab");
    assertThat(name("crisis-approvers")).isEqualTo("Krisenfreigabe (CEO oder Vertretung)");
    assertThat(name("auditors")).isEqualTo("Revision");
    assertThat(name("process-owners")).isEqualTo("Prozessverantwortliche");
    assertThat(name("camunda-admin")).as("Camunda's own group, named once started").isEqualTo("Camunda-Administration");
  }

  @Test
  void aStartRenamesTheEnglishNamesOfAnExistingDatabaseAndKeepsAnAdminsOwn() {
    IdentityService identity = engine.getIdentityService();
    long groups = identity.createGroupQuery().count();
    // yesterday's database: the groups as the releases before 3 December 2026 created them
    rename("management", "Management (direct line)");
    rename("auditors", "Auditors");
    // and one an admin renamed in Camunda Admin
    rename("crisis-team", "Krisenstab Nord");

    try {
      bootstrap.postProcessEngineBuild(engine);

      assertThat(name("management")).isEqualTo("Geschäftsleitung (direkter Draht)");
      assertThat(name("auditors")).isEqualTo("Revision");
      assertThat(name("crisis-team")).as("the admin's name").isEqualTo("Krisenstab Nord");
      assertThat(identity.createGroupQuery().count()).as("renamed, not duplicated").isEqualTo(groups);
      assertThat(identity.createUserQuery().memberOfGroup("management").list())
          .extracting(user -> user.getId()).contains("sabine", "tarek");
    } finally {
      rename("crisis-team", "Krisenstab");
    }
  }

  private String name(String groupId) {
    return engine.getIdentityService().createGroupQuery().groupId(groupId).singleResult().getName();
  }

  private void rename(String groupId, String name) {
    Group group = engine.getIdentityService().createGroupQuery().groupId(groupId).singleResult();
    group.setName(name);
    engine.getIdentityService().saveGroup(group);
  }
}
