package io.chefsache.support;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import io.chefsache.replay.ReplayCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The company's directory for the ldap profile's tests: an in-memory LDAP server (UnboundID) with the
 * people and nested groups of {@code test-directory.ldif}, shaped like Active Directory, started once per
 * JVM on a fixed free port (so that it can be stopped and started again). As a context initializer it
 * configures Chefsache the way an operator would, with the environment variables of
 * src/site/markdown/company-login.md.
 */
public class TestDirectory implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String PASSWORD = "Geheim-2026";
  public static final String BREAK_GLASS_ADMIN = "notfall-admin";
  public static final String BREAK_GLASS_PASSWORD = "Notfall-Zugang-2026!";
  private static final String BASE = "DC=chefsache,DC=example";

  private static InMemoryDirectoryServer server;

  public static synchronized InMemoryDirectoryServer server() {
    if (server == null) {
      try (ServerSocket free = new ServerSocket(0)) {
        // Active Directory's attributes (sAMAccountName, objectCategory) without Active Directory's schema
        var config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", free.getLocalPort()));
        server = new InMemoryDirectoryServer(config);
        server.importFromLDIF(true, TestDirectory.class.getResource("/test-directory.ldif").getPath());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (LDAPException e) {
        throw new IllegalStateException(e);
      }
      start();
    }
    return server;
  }

  /** The directory goes down: every connection to it is refused. */
  public static void stop() {
    server().shutDown(true);
  }

  public static void start() {
    try {
      server.startListening();
    } catch (LDAPException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    int port = server().getListenPort();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-directory", Map.ofEntries(
        Map.entry("CHEFSACHE_LDAP_URL", "ldap://localhost:" + port),
        Map.entry("CHEFSACHE_LDAP_BIND_DN", "CN=chefsache-lesen,OU=Dienstkonten," + BASE),
        Map.entry("CHEFSACHE_LDAP_BIND_PASSWORD", "Bind-Geheim-2026"),
        Map.entry("CHEFSACHE_LDAP_BASE_DN", BASE),
        Map.entry("CHEFSACHE_LDAP_USER_SEARCH_BASE", "OU=Mitarbeitende"),
        Map.entry("CHEFSACHE_LDAP_GROUP_SEARCH_BASE", "OU=Gruppen"),
        Map.entry("CHEFSACHE_GROUPS_CREW", "SocialMedia-Team,Agentur-Nacht"),
        Map.entry("CHEFSACHE_GROUPS_MANAGEMENT", "Kommunikationsleitung"),
        Map.entry("CHEFSACHE_GROUPS_CRISIS_TEAM", "Krisenstab-Kern"),
        Map.entry("CHEFSACHE_GROUPS_CRISIS_APPROVERS", "Vorstand"),
        Map.entry("CHEFSACHE_GROUPS_AUDITORS", "interne-revision"),
        Map.entry("CHEFSACHE_ADMIN_USER", BREAK_GLASS_ADMIN),
        Map.entry("CHEFSACHE_ADMIN_PASSWORD", BREAK_GLASS_PASSWORD),
        Map.entry("CHEFSACHE_INTAKE_WEBHOOK_SECRETS", ReplayCommand.DEMO_SECRET))));
  }
}
