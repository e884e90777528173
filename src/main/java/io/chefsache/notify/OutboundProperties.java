package io.chefsache.notify;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Chefsache publishes replies and sends notifications ({@code chefsache.outbound.*}). Tokens
 * live here, in configuration, and nowhere in diagrams or process variables.
 *
 * @param publicUrl the address people use to reach Chefsache; links in notifications start with it
 * @param connectTimeout how long to wait for a connection to a platform or chat webhook
 * @param responseTimeout how long to wait for its answer
 * @param retryCycle retries of a failed call before a Cockpit incident (ISO 8601 repeating interval)
 * @param platforms per platform of the intake (e.g. {@code mastodon}); {@code default} serves every
 *     platform without its own entry
 * @param chat incoming-webhook URL (Slack/Mattermost) per group of the crisis plan
 */
@Validated
@ConfigurationProperties("chefsache.outbound")
public record OutboundProperties(
    @DefaultValue("http://localhost:8080") URI publicUrl,
    @DefaultValue("3s") Duration connectTimeout,
    @DefaultValue("10s") Duration responseTimeout,
    @DefaultValue("R3/PT1M")
    @Pattern(regexp = "R\\d+/P\\S+", message = "must be an ISO 8601 repeating interval such as R3/PT1M")
    String retryCycle,
    Map<String, @Valid Platform> platforms,
    Map<String, URI> chat) {

  static final String DEFAULT_PLATFORM = "default";

  public OutboundProperties {
    platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
    chat = chat == null ? Map.of() : Map.copyOf(chat);
  }

  /**
   * The endpoint for a platform of the intake. Names are compared without case and punctuation,
   * because environment variables cannot spell {@code crisis-team} (they give {@code crisisteam}).
   */
  Optional<Platform> platform(String name) {
    return lookup(platforms, name).or(() -> lookup(platforms, DEFAULT_PLATFORM));
  }

  Optional<URI> chatWebhook(String group) {
    return lookup(chat, group);
  }

  private static <T> Optional<T> lookup(Map<String, T> entries, String name) {
    String wanted = normalized(name);
    return entries.entrySet().stream().filter(entry -> normalized(entry.getKey()).equals(wanted))
        .map(Map.Entry::getValue).findFirst();
  }

  private static String normalized(String name) {
    return name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /**
   * A platform's endpoint.
   *
   * @param type {@code mastodon}: the Mastodon API ({@code url} is the instance); {@code webhook}: a
   *     JSON webhook of a gateway the company already runs ({@code url} receives every action)
   * @param token bearer token sent with every call
   */
  public record Platform(@NotNull Type type, @NotNull URI url, String token) {
  }

  public enum Type { MASTODON, WEBHOOK }
}
