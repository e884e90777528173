package io.chefsache.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Chefsache's own settings ({@code chefsache.*}). Every value can be set with an environment
 * variable, e.g. {@code CHEFSACHE_ADMIN_PASSWORD} for {@code chefsache.admin-password}.
 *
 * @param adminPassword password of the Camunda admin user; required, there is no default
 * @param users people created at start-up if they do not exist yet; only the demo profile lists any
 */
@Validated
@ConfigurationProperties("chefsache")
public record ChefsacheProperties(
    @NotBlank(message = "is not set: set the environment variable CHEFSACHE_ADMIN_PASSWORD "
        + "(or run with the demo profile, which brings demo users)")
    String adminPassword,
    @Valid List<User> users) {

  public ChefsacheProperties {
    users = users == null ? List.of() : List.copyOf(users);
  }

  /** A person to create at start-up, with the Chefsache groups they belong to. */
  public record User(
      @NotBlank String id,
      @NotBlank String firstName,
      @NotBlank String lastName,
      String email,
      @NotBlank String password,
      @NotEmpty List<String> groups) {
  }
}
