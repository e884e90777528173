package io.chefsache.security;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The break-glass login's page (profile {@code oidc}); Spring Security checks what it sends. */
@Controller
@Profile("oidc")
class BreakGlassPage {

  @GetMapping(CompanyLoginConfiguration.BREAK_GLASS)
  String page() {
    return "security/break-glass";
  }
}
