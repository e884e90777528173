package io.chefsache.audit;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
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

  /** Every group the engine knows, by id: its name, or its id where it has none; one query for a page. */
  Map<String, String> all() {
    return identity.createGroupQuery().list().stream().collect(Collectors.toMap(Group::getId,
        group -> group.getName() == null || group.getName().isBlank() ? group.getId() : group.getName()));
  }

  /** "Social-Media-Crew, Geschäftsleitung (direkter Draht)": the groups by {@code names} ({@link #all}). */
  static String of(Map<String, String> names, Collection<String> groupIds) {
    return String.join(", ", groupIds.stream().map(id -> names.getOrDefault(id, id)).toList());
  }
}
