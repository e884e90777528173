package io.chefsache.security;

import io.chefsache.config.ChefsacheProperties;
import io.chefsache.config.StartRefused;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.property.AdminUserProperty;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * An admin password that misses the engine's password policy stops the start with one line that says
 * which rules it misses. Without this check the engine refused to create the admin user deep inside its
 * start ({@code ENGINE-16004 … Password does not match policy}, with a long stack trace). It runs before
 * every other engine plugin, the admin user's creation included, and in every profile; under {@code ldap}
 * the password is the break-glass admin's ({@link BreakGlassAdmin}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminPasswordCheck implements CamundaProcessEngineConfiguration {

  /** The rules of Camunda's default policy, in words; another policy's rules are named by their placeholder. */
  private static final Map<String, String> RULES = Map.of(
      "PASSWORD_POLICY_LENGTH", "at least {minLength} characters",
      "PASSWORD_POLICY_LOWERCASE", "at least {minLowerCase} lower-case letter(s)",
      "PASSWORD_POLICY_UPPERCASE", "at least {minUpperCase} upper-case letter(s)",
      "PASSWORD_POLICY_DIGIT", "at least {minDigit} digit(s)",
      "PASSWORD_POLICY_SPECIAL", "at least {minSpecial} special character(s)",
      "PASSWORD_POLICY_USER_DATA", "none of the user's id, first or last name in it");

  private final String password;
  private final AdminUserProperty admin;

  AdminPasswordCheck(ChefsacheProperties properties, CamundaBpmProperties camunda) {
    this.password = properties.adminPassword();
    this.admin = camunda.getAdminUser();
  }

  /**
   * Checked once the configuration has its policy and before the engine is built: a refused start
   * leaves no engine behind in Camunda's registry of engines (a JVM that starts another application,
   * as the tests do, would otherwise find the refused one under the same name).
   */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    PasswordPolicy policy = configuration.getPasswordPolicy();
    if (!configuration.isEnablePasswordPolicy() || policy == null || admin == null || admin.getId() == null) {
      return;
    }
    User user = new Admin(admin);
    List<PasswordPolicyRule> violated = policy.getRules().stream().filter(rule -> !rule.execute(password, user))
        .toList();
    if (!violated.isEmpty()) {
      throw new StartRefused("The admin password (CHEFSACHE_ADMIN_PASSWORD) does not match Camunda's password "
          + "policy (" + describe(policy.getRules()) + "); it misses: " + describe(violated) + ".",
          "Set CHEFSACHE_ADMIN_PASSWORD to a password that matches the policy; the admin user is "
          + admin.getId() + " (CHEFSACHE_ADMIN_USER).");
    }
  }

  private static String describe(List<PasswordPolicyRule> rules) {
    return rules.stream().map(AdminPasswordCheck::describe).collect(Collectors.joining(", "));
  }

  private static String describe(PasswordPolicyRule rule) {
    Map<String, String> parameters = rule.getParameters() == null ? Map.of() : rule.getParameters();
    String text = RULES.getOrDefault(rule.getPlaceholder(), rule.getPlaceholder() + " " + parameters);
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      text = text.replace("{" + parameter.getKey() + "}", parameter.getValue());
    }
    return text;
  }

  /** The admin user as configured, for the policy's user-data rule (the user may not exist yet). */
  private record Admin(AdminUserProperty admin) implements User {
    @Override
    public String getId() {
      return admin.getId();
    }

    @Override
    public void setId(String id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getFirstName() {
      return admin.getFirstName();
    }

    @Override
    public void setFirstName(String firstName) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getLastName() {
      return admin.getLastName();
    }

    @Override
    public void setLastName(String lastName) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getEmail() {
      return admin.getEmail();
    }

    @Override
    public void setEmail(String email) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getPassword() {
      return null;
    }

    @Override
    public void setPassword(String password) {
      throw new UnsupportedOperationException();
    }
  }
}
