package io.chefsache.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The audit pages ({@code /audit}) have their own login form, checked against the engine's
 * identity service (the same users, passwords and lock-out as Tasklist), and admit only auditors and
 * management. This is the only filter chain: every other request (webapps, REST APIs, the webhook)
 * matches none and keeps Camunda's own protection (webapp sessions with CSRF, HTTP Basic on the
 * REST APIs, signatures on the webhook) without Spring Security in its way. Under profile
 * {@code oidc} people sign in to the audit pages, the webapps and the REST APIs through the company's
 * provider instead ({@link CompanyLoginConfiguration}); the audit pages' rules stay these.
 */
@Configuration(proxyBeanMethods = false)
class AuditPageSecurityConfiguration {

  static final String AUTHORITY_PREFIX = "GROUP_";

  /**
   * Spring Security's filter is registered for the audit pages only. Every other request matched no
   * filter chain anyway, yet passed through the filter and a handler lookup of its own (Spring
   * Security looks up each request's Spring MVC handler in advance): about a tenth of the CPU a
   * webhook delivery takes. Requests under {@code /audit} still get the whole chain, its firewall
   * included. Under profile {@code oidc} it also covers the webapps, the REST APIs and the sign-in's
   * own paths, never the webhook.
   */
  @Bean
  static BeanPostProcessor securityFilterForAuditPagesOnly(Environment environment) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        // the registration Spring Boot's SecurityFilterAutoConfiguration makes for springSecurityFilterChain
        if (bean instanceof DelegatingFilterProxyRegistrationBean registration
            && beanName.equals("securityFilterChainRegistration")) {
          List<String> paths = new ArrayList<>(List.of("/audit", "/audit/*"));
          if (environment.acceptsProfiles(Profiles.of("oidc"))) {
            paths.addAll(CompanyLoginConfiguration.securedPaths(
                environment.resolvePlaceholders(CompanyLoginConfiguration.WEBAPPS_PATH)));
          }
          registration.setUrlPatterns(paths);
        }
        return bean;
      }
    };
  }

  @Bean
  @Profile("!oidc")
  SecurityFilterChain auditPages(HttpSecurity http) throws Exception {
    return auditRules(http)
        .formLogin(login -> login.loginPage("/audit/login").defaultSuccessUrl("/audit", false).permitAll())
        .logout(logout -> logout.logoutUrl("/audit/logout").logoutSuccessUrl("/audit/login?logout"))
        .build();
  }

  /**
   * Who may see the audit pages, and how they are served, however people sign in: auditors and
   * management only, a strict Content-Security-Policy, no HTTP Basic.
   */
  static HttpSecurity auditRules(HttpSecurity http) throws Exception {
    return http.securityMatcher("/audit", "/audit/**")
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/audit/login", "/audit/assets/**").permitAll()
            .requestMatchers("/audit/forbidden").authenticated()
            .anyRequest().hasAnyAuthority(Roles.AUDIT_PAGE_READERS.stream().map(group -> AUTHORITY_PREFIX + group)
                .toArray(String[]::new)))
        .exceptionHandling(errors -> errors.accessDeniedPage("/audit/forbidden"))
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")))
        .httpBasic(AbstractHttpConfigurer::disable);
  }

  /** A login to the audit pages is a login of a Camunda user; their groups become authorities. */
  @Bean
  @Profile("!oidc")
  AuthenticationProvider camundaUsers(IdentityService identity) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication login) {
        String user = login.getName();
        if (user == null || login.getCredentials() == null
            || !identity.checkPassword(user, login.getCredentials().toString())) {
          throw new BadCredentialsException("Wrong user or password");
        }
        List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(user).list().stream()
            .map(Group::getId).map(group -> new SimpleGrantedAuthority(AUTHORITY_PREFIX + group)).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
      }

      @Override
      public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
      }
    };
  }
}
