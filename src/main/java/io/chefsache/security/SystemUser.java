package io.chefsache.security;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Engine work that Chefsache does on its own behalf after the fact (re-triage, opening a closed
 * incident again) runs as a technical user, so the engine's user operation log names who acted. The
 * user belongs to the admin group and exists only as an authentication, not as a login. The intake
 * opens new incidents without it and keeps the webhook delivery that did in its own rows.
 */
@Component
public class SystemUser {

  public static final String INTAKE = "chefsache-intake";

  private final IdentityService identityService;

  SystemUser(IdentityService identityService) {
    this.identityService = identityService;
  }

  public <T> T call(Supplier<T> work) {
    identityService.setAuthentication(INTAKE, List.of(Roles.ADMIN), List.of());
    try {
      return work.get();
    } finally {
      identityService.clearAuthentication();
    }
  }
}
