package io.chefsache.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.ChefsacheTest;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The audit pages name a group as the engine does, and by its id where the engine has no name for it. */
@ChefsacheTest
class GroupNamesTest {

  @Autowired
  GroupNames groupNames;
  @Autowired
  IdentityService identity;

  @Test
  void aGroupIsShownByItsNameAndWithoutOneByItsId() {
    String unnamed = "audit-unnamed-" + System.nanoTime();
    identity.saveGroup(identity.newGroup(unnamed));
    try {
      assertThat(GroupNames.of(groupNames.all(), List.of("social-media-crew", "management", unnamed, "no-such-group")))
          .isEqualTo("Social-Media-Crew, Geschäftsleitung (direkter Draht), " + unnamed + ", no-such-group");
    } finally {
      identity.deleteGroup(unnamed);
    }
  }
}
