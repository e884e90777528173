package io.chefsache.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.DelegatingLogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Profile {@code oidc}: everyone signs in through the company's OpenID Connect provider
 * (src/site/markdown/company-login.md).
 * <ul>
 *   <li>Tasklist, Cockpit and Admin: Spring Security signs people in through the provider
 *       (authorization code flow); Camunda's container-based authentication then makes them the
 *       engine's user with the groups mapped from the groups claim ({@link SpringSecurityAuthentication}).</li>
 *   <li>The audit pages: the same sign-in, the same rules as before (auditors and management).</li>
 *   <li>Engine REST and the incident API: bearer tokens (JWT) from the same provider, no sessions.</li>
 *   <li>{@code /login/local}: the break-glass login of the local admin ({@link BreakGlassLogin}).</li>
 *   <li>Logging out of a webapp, or at {@code /logout}, ends the session, Camunda's and Spring's, and
 *       the provider's (RP-initiated logout).</li>
 * </ul>
 * The intake's webhook is not behind any of it: it keeps its signatures.
 */
@Configuration(proxyBeanMethods = false)
@Profile("oidc")
class CompanyLoginConfiguration {

  static final String LOGIN = "/oauth2/authorization/" + CompanyLoginSettings.REGISTRATION;
  static final String BREAK_GLASS = "/login/local";
  static final String WEBAPPS_PATH = "${camunda.bpm.webapp.application-path:/camunda}";

  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

  private final CompanyLoginSettings settings;
  private final CompanyGroups groups;
  private final String webapps;

  CompanyLoginConfiguration(CompanyLoginSettings settings, DirectoryGroups mapping,
      @Value(WEBAPPS_PATH) String webapps) {
    settings.check();
    this.settings = settings;
    this.groups = new CompanyGroups(mapping, settings.groupsClaim());
    this.webapps = webapps;
  }

  /** Where Spring Security's filter runs under this profile; the intake ({@code /api/mentions}) is not. */
  static List<String> securedPaths(String webapps) {
    return List.of(webapps + "/*", "/oauth2/*", "/login/*", "/logout", "/engine-rest/*", "/api/incidents",
        "/api/incidents/*", "/api/situations/*", "/api/erasures");
  }

  @Bean
  ClientRegistrationRepository companyProvider() {
    return new ProviderOnDemand(settings);
  }

  /**
   * Bearer tokens on the REST APIs: signed by the provider, issued by it, for Chefsache's audience;
   * not an ID token (which carries the sign-in's {@code nonce} and travels in the logout address, so it
   * must not open REST), and not in the name of the local admin, who signs in only at the break-glass
   * login.
   */
  @Bean
  JwtDecoder bearerTokens(@Value("${camunda.bpm.admin-user.id:admin}") String localAdmin) {
    return new SupplierJwtDecoder(() -> {
      NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(settings.issuerUri()).build();
      String audience = settings.audience() == null || settings.audience().isBlank() ? settings.clientId()
          : settings.audience();
      OAuth2TokenValidator<Jwt> forChefsache = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
          aud -> aud != null && aud.contains(audience));
      OAuth2TokenValidator<Jwt> notAnIdToken = new JwtClaimValidator<Object>(IdTokenClaimNames.NONCE,
          Objects::isNull);
      OAuth2TokenValidator<Jwt> notTheLocalAdmin = new JwtClaimValidator<Object>(settings.userIdClaim(),
          user -> user != null && !String.valueOf(user).strip().equalsIgnoreCase(localAdmin));
      decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
          JwtValidators.createDefaultWithIssuer(settings.issuerUri()), forChefsache, notAnIdToken, notTheLocalAdmin));
      return decoder;
    });
  }

  @Bean
  @Order(1)
  SecurityFilterChain restWithBearerTokens(HttpSecurity http) throws Exception {
    var tokens = new JwtAuthenticationConverter();
    tokens.setPrincipalClaimName(settings.userIdClaim());
    tokens.setJwtGrantedAuthoritiesConverter(jwt -> List.copyOf(groups.authorities(jwt.getClaims())));
    return http.securityMatcher(new OrRequestMatcher(paths("/engine-rest/**", "/api/incidents",
            "/api/incidents/**", "/api/situations/**", "/api/erasures")))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(tokens)))
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain auditPagesWithCompanyLogin(HttpSecurity http, ClientRegistrationRepository provider)
      throws Exception {
    return AuditPageSecurityConfiguration.auditRules(http)
        .addFilterBefore(passwordFormToAuditPages(), LogoutFilter.class)
        .exceptionHandling(errors -> errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN)))
        .logout(logout -> logout.logoutUrl("/audit/logout").logoutSuccessHandler(providerLogout(provider, "/audit")))
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain webappsWithCompanyLogin(HttpSecurity http, ClientRegistrationRepository provider,
      IdentityService identity, BreakGlassRecord record,
      @Value("${camunda.bpm.admin-user.id:admin}") String localAdmin) throws Exception {
    RequestMatcher camundaLogout = PATHS.matcher(HttpMethod.POST, webapps + "/api/admin/auth/user/*/logout");
    var logoutAnswers = new LinkedHashMap<RequestMatcher, LogoutSuccessHandler>();
    logoutAnswers.put(camundaLogout, new ProviderLogoutAnswer(provider, webapps + "/app/"));
    var logoutSuccess = new DelegatingLogoutSuccessHandler(logoutAnswers);
    logoutSuccess.setDefaultLogoutSuccessHandler(providerLogout(provider, webapps + "/app/"));
    var breakGlass = new BreakGlassLogin(identity, localAdmin, record);
    return http.securityMatcher(new OrRequestMatcher(paths(webapps + "/**", "/oauth2/**", "/login/**", "/logout")))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths(BREAK_GLASS)).permitAll()
            // Camunda's own password login would put another user into a signed-in person's session
            .requestMatchers(PATHS.matcher(HttpMethod.POST, webapps + "/api/admin/auth/user/*/login/*")).denyAll()
            .requestMatchers(paths(webapps + "/app/**", webapps + "/api/**")).authenticated()
            .anyRequest().permitAll())
        .oauth2Login(login -> login.loginPage(LOGIN)
            .userInfoEndpoint(users -> users.oidcUserService(
                new CompanyUsers(identity, groups, settings.userIdClaim(), localAdmin)))
            .defaultSuccessUrl(webapps + "/app/", false))
        .formLogin(login -> login.loginPage(BREAK_GLASS).defaultSuccessUrl(webapps + "/app/", true)
            .failureUrl(BREAK_GLASS + "?error"))
        .authenticationProvider(breakGlass)
        .logout(logout -> logout
            .logoutRequestMatcher(new OrRequestMatcher(camundaLogout, PATHS.matcher("/logout")))
            .logoutSuccessHandler(logoutSuccess))
        .exceptionHandling(errors -> errors
            .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                PATHS.matcher(webapps + "/api/**"))
            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN), PATHS.matcher("/**")))
        // the webapps keep Camunda's own CSRF protection; the break-glass form has Spring's
        .csrf(csrf -> csrf.ignoringRequestMatchers(paths(webapps + "/**", "/logout")))
        .build();
  }

  /**
   * Camunda's own login for the webapps becomes its container-based authentication: whoever Spring
   * Security signed in. Registered right behind Spring Security's filter, for the same paths as
   * Camunda's Spring Boot starter registers it.
   */
  @Bean
  FilterRegistrationBean<Filter> webappsSignedInByCompanyLogin() {
    var registration = new FilterRegistrationBean<Filter>(new ContainerBasedAuthenticationFilter());
    registration.setName("chefsache-webapps-company-login");
    registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        SpringSecurityAuthentication.class.getName()));
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    registration.addUrlPatterns(webapps + "/app/*", webapps + "/api/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    return registration;
  }

  /**
   * The audit pages' password form has no use under this profile: a bookmark of it leads to the audit
   * pages, which ask the provider.
   */
  private static Filter passwordFormToAuditPages() {
    RequestMatcher passwordForm = PATHS.matcher("/audit/login");
    return (request, response, chain) -> {
      var http = (HttpServletRequest) request;
      if (passwordForm.matches(http)) {
        ((HttpServletResponse) response).sendRedirect(http.getContextPath() + "/audit");
      } else {
        chain.doFilter(request, response);
      }
    };
  }

  /**
   * Paths of the whole request, whichever servlet serves it: the webapps' API and engine REST are
   * Jersey servlets, which Spring MVC's path matchers (the default for plain strings) do not see.
   */
  private static RequestMatcher[] paths(String... patterns) {
    return Arrays.stream(patterns).map(PATHS::matcher).toArray(RequestMatcher[]::new);
  }

  /**
   * Camunda's logout is a request of the webapp's script, which cannot be redirected: it is answered
   * 200 with the provider's logout address in a header, where the webapps' script
   * ({@code app/chefsache/company-logout.js}) sends the browser.
   */
  static final class ProviderLogoutAnswer extends OidcClientInitiatedLogoutSuccessHandler {

    static final String NEXT = "X-Chefsache-Logout";

    ProviderLogoutAnswer(ClientRegistrationRepository provider, String path) {
      super(provider);
      setPostLogoutRedirectUri("{baseUrl}" + path);
      setDefaultTargetUrl(path);
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response,
        Authentication signedOut) {
      response.setHeader(NEXT, determineTargetUrl(request, response, signedOut));
      response.setStatus(HttpServletResponse.SC_OK);
    }
  }

  /** Ends the provider's session too, then comes back to {@code path} (which asks for a new sign-in). */
  private static LogoutSuccessHandler providerLogout(ClientRegistrationRepository provider, String path) {
    var handler = new OidcClientInitiatedLogoutSuccessHandler(provider);
    handler.setPostLogoutRedirectUri("{baseUrl}" + path);
    handler.setDefaultTargetUrl(path);
    return handler;
  }
}
