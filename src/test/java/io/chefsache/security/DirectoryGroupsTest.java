package io.chefsache.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectoryGroupsTest {

  @Test
  void aCompanysOwnGroupNamesGrantChefsachesGroupsWithoutRenamingAnything() {
    var mapping = new DirectoryGroups(Map.of(
        Roles.CREW, List.of("SocialMedia-Team", " Agentur-Nacht "),
        Roles.CRISIS_APPROVERS, List.of("GF-Vorstand")));

    assertThat(mapping.rolesOf(List.of("socialmedia-team", "Alle-Mitarbeitenden"))).containsExactly(Roles.CREW);
    assertThat(mapping.rolesOf(List.of("Agentur-Nacht", "GF-Vorstand")))
        .containsExactly(Roles.CREW, Roles.CRISIS_APPROVERS);
  }

  @Test
  void aGroupWithoutSettingIsGrantedToNobodyEvenByACompanyGroupNamedLikeIt() {
    var mapping = new DirectoryGroups(Map.of(Roles.CREW, List.of("SocialMedia-Team"), Roles.AUDITORS, List.of("")));

    assertThat(mapping.rolesOf(List.of("camunda-admin", "CAMUNDA-ADMIN", "auditors", Roles.CREW))).isEmpty();
    assertThat(mapping.grantingGroups(Roles.ADMIN)).isEmpty();
    assertThat(mapping.unmapped()).containsExactly(Roles.MANAGEMENT, Roles.CRISIS_TEAM, Roles.CRISIS_APPROVERS,
        Roles.AUDITORS, Roles.PROCESS_OWNERS, Roles.ADMIN);
  }

  @Test
  void aSettingForAGroupChefsacheDoesNotHaveIsRefusedAtStartWithTheKnownOnes() {
    assertThatThrownBy(() -> new DirectoryGroups(Map.of("crew", List.of("SocialMedia-Team"))))
        .hasMessageContaining("chefsache.identity.groups.crew names no group")
        .hasMessageContaining(Roles.CREW);
  }
}
