package io.chefsache.audit;

import java.util.Collection;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * Groups as the engine names them ("Social-Media-Crew" for {@code social-media-crew}): the names
 * {@code security.IdentityBootstrap} gives the crisis plan's groups, or an admin gave them in Camunda
 * Admin. A group the engine does not know, or knows without a name (a directory or company login that
 * carries none), is shown by its id.
 */
@Component
class GroupNames {

  private final IdentityService identity;

  GroupNames(IdentityService identity) {
    this.identity = identity;
  }

  String of(String groupId) {
    return Optional.ofNullable(identity.createGroupQuery().groupId(groupId).singleResult()).map(Group::getName)
        .filter(name -> !name.isBlank()).orElse(groupId);
  }

  /** "Social-Media-Crew, Geschäftsleitung (direkter Draht)". */
  String of(Collection<String> groupIds) {
    return String.join(", ", groupIds.stream().map(this::of).toList());
  }
}
