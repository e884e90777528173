package io.chefsache.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says at the start which of Chefsache's groups no company group grants under a company login:
 * nobody is in them, so their work (a crisis team's task, an approver's four eyes) waits for nobody
 * until {@code CHEFSACHE_GROUPS_…} names the company's group.
 */
@Component
@Profile({"ldap", "oidc"})
class UnmappedGroups {

  private static final Logger LOG = LoggerFactory.getLogger(UnmappedGroups.class);

  private final DirectoryGroups mapping;

  UnmappedGroups(DirectoryGroups mapping) {
    this.mapping = mapping;
  }

  @EventListener(ApplicationReadyEvent.class)
  void report() {
    List<String> unmapped = mapping.unmapped();
    if (!unmapped.isEmpty()) {
      LOG.warn("No company group grants {}: nobody is a member until CHEFSACHE_GROUPS_… names one "
          + "(src/site/markdown/company-login.md)", String.join(", ", unmapped));
    }
  }
}
