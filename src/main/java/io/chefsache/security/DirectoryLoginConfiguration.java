package io.chefsache.security;

import io.chefsache.config.ChefsacheProperties;
import io.chefsache.config.StartRefused;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * Profile {@code ldap}: staff log in with their account in the company's LDAP directory or Active
 * Directory, everywhere (webapps, audit pages, REST), and their directory groups make them members of
 * Chefsache's groups ({@link DirectoryGroups}). Only the break-glass admin is local
 * (src/site/markdown/company-login.md).
 */
@Configuration(proxyBeanMethods = false)
@Profile("ldap")
class DirectoryLoginConfiguration {

  @Bean
  DirectoryIdentityPlugin directoryIdentityPlugin(Environment environment, DirectoryGroups mapping,
      ChefsacheProperties properties, CamundaBpmProperties camunda, BreakGlassRecord record, Clock clock) {
    LdapSettings settings = Binder.get(environment).bindOrCreate("chefsache.ldap", LdapSettings.class);
    if (!settings.missing().isEmpty()) {
      throw new StartRefused("The ldap profile needs its directory's settings; missing: "
          + String.join(", ", settings.missing()) + ".",
          "Set these environment variables (src/site/markdown/company-login.md shows them for Active Directory).");
    }
    Map<String, String> groupNames = new LinkedHashMap<>(IdentityBootstrap.GROUP_NAMES);
    groupNames.put(Roles.ADMIN, IdentityBootstrap.ADMINISTRATORS);
    String engineSettings = "camunda.bpm.generic-properties.properties.";
    var delay = new BreakGlassAdmin.LoginDelay(
        environment.getRequiredProperty(engineSettings + "login-delay-base", Integer.class),
        environment.getRequiredProperty(engineSettings + "login-delay-factor", Integer.class),
        environment.getRequiredProperty(engineSettings + "login-delay-max-time", Integer.class));
    var breakGlass = new BreakGlassAdmin(camunda.getAdminUser().getId(), properties.adminPassword(), record, clock,
        delay);
    return new DirectoryIdentityPlugin(settings, mapping, groupNames, breakGlass);
  }
}
