package io.chefsache.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A WireMock server standing in for Mastodon, the company's gateway and the chat webhooks (never
 * the live internet), started once per JVM on a free port. As a context initializer it points
 * {@code chefsache.outbound} at itself; by default every call succeeds.
 */
public class OutboundStub implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String MASTODON_STATUSES = "/mastodon/api/v1/statuses";
  public static final String GATEWAY = "/gateway";
  public static final String MASTODON_TOKEN = "mastodon-test-token";
  public static final String GATEWAY_TOKEN = "gateway-test-token";

  private static WireMockServer server;

  public static synchronized WireMockServer server() {
    if (server == null) {
      server = new WireMockServer(options().dynamicPort());
      server.start();
      reset();
      warmUp(server);
    }
    return server;
  }

  /**
   * The stub's first answer takes longer than the application's outbound timeout in tests (1 s) on
   * a busy machine: its server threads and handlers load then. One request here takes that cost
   * before any test's call does.
   */
  private static void warmUp(WireMockServer stub) {
    try {
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/warm-up")).build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Forgets every request and special answer; every call succeeds again. */
  public static void reset() {
    WireMockServer stub = server();
    stub.resetAll();
    stub.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)));
    stub.stubFor(post(urlPathEqualTo(MASTODON_STATUSES)).atPriority(9)
        .willReturn(okJson("{\"id\":\"110000000000000001\",\"url\":\"https://mastodon.example/@co/1\"}")));
    stub.stubFor(post(urlPathEqualTo(GATEWAY)).atPriority(9).willReturn(okJson("{\"id\":\"gw-1\"}")));
    stub.stubFor(post(urlPathMatching("/chat/.+")).atPriority(9).willReturn(aResponse().withStatus(200).withBody("ok")));
  }

  public static String chatPath(String group) {
    return "/chat/" + group;
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String base = server().baseUrl();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("outbound-stub", Map.of(
        "chefsache.outbound.platforms.mastodon.type", "mastodon",
        "chefsache.outbound.platforms.mastodon.url", base + "/mastodon",
        "chefsache.outbound.platforms.mastodon.token", MASTODON_TOKEN,
        "chefsache.outbound.platforms.default.type", "webhook",
        "chefsache.outbound.platforms.default.url", base + GATEWAY,
        "chefsache.outbound.platforms.default.token", GATEWAY_TOKEN,
        "chefsache.outbound.chat.social-media-crew", base + chatPath("social-media-crew"),
        "chefsache.outbound.chat.management", base + chatPath("management"),
        "chefsache.outbound.chat.crisis-team", base + chatPath("crisis-team"),
        "chefsache.outbound.chat.crisis-approvers", base + chatPath("crisis-approvers"))));
  }
}
