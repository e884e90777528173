package io.chefsache;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * The dependency directions of shared/CONVENTIONS.md ("Which way the code depends") and the package
 * layout of src/site/markdown/design.md, as rules over the main code (tests may reach anywhere).
 *
 * <ul>
 *   <li>config uses no other package; security uses config; notify uses config;</li>
 *   <li>escalation uses notify, security, config; intake uses escalation, security, config;</li>
 *   <li>audit, api (read views), privacy (retention, erasure) and demo use any of the above;</li>
 *   <li>replay uses none; nothing uses audit, api, privacy, demo or replay.</li>
 * </ul>
 *
 * Each package names the packages it may use; those not named are off limits.
 */
@AnalyzeClasses(packages = "io.chefsache", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ROOT = "io.chefsache";

  // ---- Which way the code depends -----------------------------------------------------------

  @ArchTest
  static final ArchRule config_uses_no_other_package = mayUseOnly("config")
      .because("config is used by every package (properties, clock, texts) and so can use none of them");

  @ArchTest
  static final ArchRule security_uses_only_config = mayUseOnly("security", "config")
      .because("security (identities, roles, deployment guard) is used by the features and uses none of them");

  @ArchTest
  static final ArchRule notify_uses_only_config = mayUseOnly("notify", "config")
      .because("notify makes outbound calls for whoever asks and never calls escalation's services back");

  @ArchTest
  static final ArchRule escalation_uses_only_notify_security_config =
      mayUseOnly("escalation", "notify", "security", "config")
          .because("data flows intake -> escalation -> notify: escalation never imports intake, audit or the "
              + "packages that read or delete what it produced");

  @ArchTest
  static final ArchRule intake_uses_only_escalation_security_config =
      mayUseOnly("intake", "escalation", "security", "config")
          .because("the intake stores a mention and hands it to escalation; outbound calls are the diagrams' "
              + "business, so the intake does not call notify itself");

  @ArchTest
  static final ArchRule audit_uses_only_the_packages_it_reads =
      mayUseOnly("audit", "intake", "escalation", "notify", "security", "config")
          .because("audit reads what the intake, escalation and notify produced (engine history and their tables)");

  @ArchTest
  static final ArchRule api_uses_only_the_packages_it_reads =
      mayUseOnly("api", "intake", "escalation", "notify", "security", "config")
          .because("the incident read API reads what escalation and notify produced, as audit does "
              + "(see io.chefsache.api's package-info)");

  @ArchTest
  static final ArchRule privacy_uses_only_the_packages_whose_data_it_removes =
      mayUseOnly("privacy", "intake", "escalation", "notify", "security", "config")
          .because("retention and erasure remove personal data the intake, escalation and notify stored; "
              + "they are not part of any of them (audit only reads, so retention is not in audit)");

  @ArchTest
  static final ArchRule demo_uses_only_what_a_platform_would_reach =
      mayUseOnly("demo", "intake", "escalation", "notify", "security", "config")
          .because("the demo feeds mentions and incidents in like a platform would, and reads nothing back");

  @ArchTest
  static final ArchRule replay_uses_no_other_package = mayUseOnly("replay")
      .because("the replay command runs without the application (mvn exec:java) and talks to it over HTTP only");

  @ArchTest
  static final ArchRule nothing_imports_the_top_level_packages = noClasses()
      .that(resideOutsideOfPackages("audit", "api", "privacy", "demo", "replay"))
      .should().dependOnClassesThat().resideInAnyPackage(packages("audit", "api", "privacy", "demo", "replay"))
      .because("audit and the read API only serve people and integrators (nothing but their own web layer uses "
          + "them), privacy runs on its own schedule and endpoint, and demo and replay are for trying Chefsache "
          + "out: the application must work without them");

  @ArchTest
  static final ArchRule no_cycles_between_packages = slices().matching(ROOT + ".(*)..").namingSlices("$1")
      .should().beFreeOfCycles()
      .because("a cycle between feature folders is a design smell to fix, not to live with");

  // ---- Audit only reads ---------------------------------------------------------------------

  /**
   * A call of one of the engine's services ({@code org.camunda.bpm.engine.*Service}) that is not a read:
   * reads are getters and the query and report builders.
   */
  private static final DescribedPredicate<JavaMethodCall> ENGINE_SERVICE_WRITE = describe(
      "a method of an engine service other than get..., create...Query, create...Report", call -> {
        JavaClass owner = call.getTargetOwner();
        String method = call.getName();
        boolean service = owner.getPackageName().equals("org.camunda.bpm.engine")
            && owner.getSimpleName().endsWith("Service");
        boolean read = method.startsWith("get")
            || method.startsWith("create") && (method.endsWith("Query") || method.endsWith("Report"));
        return service && !read;
      });

  private static final Set<String> JDBC_WRITES = Set.of("update", "batchUpdate", "execute");

  /** A statement run through Spring's JDBC support that may change rows. */
  private static final DescribedPredicate<JavaMethodCall> JDBC_WRITE = describe(
      "a JDBC method of Spring's that may change rows " + JDBC_WRITES,
      call -> call.getTargetOwner().getPackageName().startsWith("org.springframework.jdbc")
          && JDBC_WRITES.contains(call.getName()));

  @ArchTest
  static final ArchRule audit_and_api_change_nothing_in_the_engine = noClasses()
      .that().resideInAnyPackage(packages("audit", "api"))
      .should().callMethodWhere(ENGINE_SERVICE_WRITE)
      .because("audit and the read API only read (queries, get...) and never change a running incident");

  @ArchTest
  static final ArchRule audit_and_api_write_no_rows_but_the_export_log = noClasses()
      .that().resideInAnyPackage(packages("audit", "api"))
      .and(describe("are not AuditExports", (JavaClass c) -> !isOrIsNestedIn(c, ROOT + ".audit.AuditExports")))
      .should().callMethodWhere(JDBC_WRITE)
      .because("audit only reads the intake's and notify's tables; AuditExports records each export (its head "
          + "hash) in audit's own table audit_export, which is the one row audit writes");

  // ---- Java called from diagrams, texts, Spring -----------------------------------------------

  @ArchTest
  static final ArchRule java_called_from_diagrams_lives_in_escalation = classes()
      .that().implement(JavaDelegate.class).or().implement(ExecutionListener.class).or().implement(TaskListener.class)
      .should().resideInAPackage(ROOT + ".escalation..")
      .because("escalation holds the delegates and services the diagrams call (DeploymentGuard lets diagrams "
          + "name any application delegate, so one elsewhere would be reachable from a diagram)");

  @ArchTest
  static final ArchRule delegates_are_named_as_such = classes()
      .that().implement(JavaDelegate.class)
      .should().haveSimpleNameEndingWith("Delegate")
      .because("a delegate is named <Verb><Noun>Delegate, as the diagrams' delegateExpression names it");

  @ArchTest
  static final ArchRule only_pages_read_messages_in_the_viewers_language = noClasses()
      .that(resideOutsideOfPackages("config", "audit"))
      .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.context.MessageSource")
      .orShould().dependOnClassesThat()
      .haveFullyQualifiedName("org.springframework.context.i18n.LocaleContextHolder")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.ResourceBundle")
      .because("what the engine side writes into records (titles, the line, refusals) is in the configured "
          + "language, through config's Texts, whoever's request caused it; only the audit pages speak the "
          + "viewer's language (config's ViewerLocaleConfiguration picks it)");

  @ArchTest
  static final ArchRule constructor_injection_only = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

  // ---- Camunda's internal API -----------------------------------------------------------------

  /**
   * The only classes that may use Camunda's internal packages ({@code org.camunda.bpm..impl..}), each
   * with the reason: no public API does what it does. Nested classes of an entry count as the entry.
   */
  static final Map<String, String> CAMUNDA_INTERNALS_ALLOWED = Map.of(
      ROOT + ".security.DeploymentGuard",
      "the engine has no public deployment hook: the guard adds a custom pre-deployer (Deployer, "
          + "DeploymentEntity, ResourceEntity) through the Spring Boot starter's preInit, which hands over "
          + "ProcessEngineConfigurationImpl, and replaces the resource authorization provider "
          + "(DefaultAuthorizationProvider, AuthorizationEntity) so a deployment's creator is not granted DELETE",
      ROOT + ".security.AuditKeepingRepositoryService",
      "refuses cascading deletes (which would erase the incidents' history) by extending RepositoryServiceImpl; "
          + "the engine takes a replacement repository service only as that class",
      ROOT + ".security.ExpressionRules",
      "parses a diagram's expressions with the engine's own JUEL parser (org.camunda.bpm.impl.juel), so the "
          + "allow-list checks exactly what the engine would evaluate; there is no public parser",
      ROOT + ".security.AdminPasswordCheck",
      "checks the admin password against the engine's password policy in the plugin hook postInit, whose "
          + "parameter is ProcessEngineConfigurationImpl: before the engine is built, a refused start leaves "
          + "no engine behind in Camunda's static registry",
      ROOT + ".security.DirectoryIdentityPlugin",
      "Camunda's LDAP identity plugin (profile ldap) has no public API: its documented entry point is "
          + "LdapIdentityProviderPlugin in its impl package, configured by its setters; this subclass hands the engine "
          + "(ProcessEngineConfigurationImpl, Session) an LdapIdentityProviderFactory that opens DirectoryIdentitySession",
      ROOT + ".security.DirectoryIdentitySession",
      "the engine asks its identity provider session (ReadOnlyIdentityProvider, an impl interface; the plugin's "
          + "queries accept only an LdapIdentityProviderSession) for a person's groups: extending the plugin's session is "
          + "the only way to show the engine Chefsache's group ids for directory groups, nested ones included",
      ROOT + ".security.CompanyLoginConfiguration",
      "registers Camunda's ContainerBasedAuthenticationFilter (org.camunda.bpm.webapp.impl.security.auth) for the "
          + "webapps under profile oidc, as Camunda's own Spring Security starter does: the webapps have no public "
          + "hook that takes a user signed in elsewhere, and that starter does not resolve here",
      ROOT + ".security.EngineRestAuthenticationConfiguration",
      "names Camunda's HttpBasicAuthenticationProvider as the authentication filter's init parameter, the way "
          + "Camunda's documentation configures engine REST authentication");

  /**
   * Internal types that Camunda's public API itself hands out, so any class may use what it gets
   * (but not reach for more of the package), with the public method that returns each.
   */
  static final Map<String, String> CAMUNDA_INTERNAL_TYPES_OF_PUBLIC_API = Map.of(
      "org.camunda.bpm.engine.impl.identity.Authentication",
      "IdentityService#getCurrentAuthentication() (public API) returns it: the user and groups the engine REST "
          + "filter authenticated, read by ActingUser, SituationController and ErasureController");

  /** The only classes that may use Jersey's internal packages, with the reason. */
  static final Map<String, String> JERSEY_INTERNALS_ALLOWED = Map.of(
      ROOT + ".config.EngineRestRefusals",
      "registers its exception mappers in every Jersey application (engine REST and the webapps' own API, which "
          + "Camunda configures itself) as a ForcedAutoDiscoverable, Jersey's only hook that reaches both",
      ROOT + ".security.EngineRestLimits",
      "registers its filters (comment and attachment writes, per-person logs) in every Jersey application the same way");

  @ArchTest
  static final ArchRule camunda_internals_only_where_allowed = noClasses()
      .that(describe("are not on the allow-list " + CAMUNDA_INTERNALS_ALLOWED.keySet(),
          (JavaClass c) -> !allowed(c, CAMUNDA_INTERNALS_ALLOWED)))
      .should().dependOnClassesThat(resideInAnyPackage("org.camunda.bpm..impl..")
          .and(describe("are not returned by Camunda's public API " + CAMUNDA_INTERNAL_TYPES_OF_PUBLIC_API.keySet(),
              (JavaClass c) -> !CAMUNDA_INTERNAL_TYPES_OF_PUBLIC_API.containsKey(c.getName()))))
      .because("Camunda's impl packages change without notice between versions; "
          + "the allow-list says why each entry has no public alternative");

  @ArchTest
  static final ArchRule jersey_internals_only_where_allowed = noClasses()
      .that(describe("are not on the allow-list " + JERSEY_INTERNALS_ALLOWED.keySet(),
          (JavaClass c) -> !allowed(c, JERSEY_INTERNALS_ALLOWED)))
      .should().dependOnClassesThat().resideInAnyPackage("org.glassfish.jersey..internal..")
      .because("Jersey's internal packages change without notice; the allow-list says why each entry needs one");

  /** An allow-list entry that no longer uses internals is taken off, so that the list stays the truth. */
  @ArchTest
  static void every_allow_list_entry_still_needs_its_internals(JavaClasses classes) {
    assertUsesInternals(classes, CAMUNDA_INTERNALS_ALLOWED, "org.camunda.bpm.", ".impl.");
    assertUsesInternals(classes, JERSEY_INTERNALS_ALLOWED, "org.glassfish.jersey.", ".internal.");
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Classes of {@code feature} may use io.chefsache classes only of their own package and {@code allowed}. */
  private static ArchRule mayUseOnly(String feature, String... allowed) {
    String[] own = packages(Stream.concat(Stream.of(feature), Arrays.stream(allowed)).toArray(String[]::new));
    return classes().that().resideInAPackage(ROOT + "." + feature + "..")
        .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..").or(resideInAnyPackage(own))
            .as(allowed.length == 0 ? "are outside io.chefsache or in " + feature
                : "are outside io.chefsache or in " + feature + ", " + String.join(", ", allowed)));
  }

  private static String[] packages(String... features) {
    return Arrays.stream(features).map(feature -> ROOT + "." + feature + "..").toArray(String[]::new);
  }

  private static DescribedPredicate<JavaClass> resideOutsideOfPackages(String... features) {
    return resideInAnyPackage(packages(features)).negate()
        .as("reside outside of " + String.join(", ", features));
  }

  private static boolean isOrIsNestedIn(JavaClass c, String name) {
    return c.getName().equals(name) || c.getName().startsWith(name + "$");
  }

  private static boolean allowed(JavaClass c, Map<String, String> allowList) {
    return allowList.keySet().stream().anyMatch(name -> isOrIsNestedIn(c, name));
  }

  private static void assertUsesInternals(JavaClasses classes, Map<String, String> allowList, String prefix,
      String internal) {
    for (String name : allowList.keySet()) {
      assertThat(classes.contain(name)).as("allow-listed class %s exists", name).isTrue();
      boolean uses = classes.stream().filter(c -> isOrIsNestedIn(c, name))
          .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
          .map(dependency -> dependency.getTargetClass().getName())
          .anyMatch(target -> target.startsWith(prefix) && target.contains(internal));
      assertThat(uses).as("%s still uses %s*%s* (else take it off the allow-list)", name, prefix, internal).isTrue();
    }
  }
}
