package io.chefsache.security;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The engine REST API (used by Camunda Modeler to deploy, and by integrators) is open by default.
 * Chefsache puts Camunda's own HTTP Basic authentication in front of it: every request is checked
 * against the engine's identity service and then runs as that user, so authorizations apply. Under
 * profile {@code oidc} the user and groups come from the provider's bearer token instead, which Spring
 * Security has checked ({@link SpringSecurityAuthentication}, {@link CompanyLoginConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class EngineRestAuthenticationConfiguration {

  private final String provider;

  EngineRestAuthenticationConfiguration(Environment environment) {
    provider = environment.acceptsProfiles(Profiles.of("oidc")) ? SpringSecurityAuthentication.class.getName()
        : HttpBasicAuthenticationProvider.class.getName();
  }

  @Bean
  FilterRegistrationBean<Filter> engineRestAuthenticationFilter(
      @Value("${spring.jersey.application-path:/engine-rest}") String restPath) {
    var registration = new FilterRegistrationBean<Filter>(new ProcessEngineAuthenticationFilter());
    registration.setName("chefsache-engine-rest-authentication");
    registration.addUrlPatterns(restPath + "/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, provider);
    registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, restPath);
    return registration;
  }

  /** Chefsache's own API for integrators and staff: the same login, and the engine's authorizations apply. */
  @Bean
  FilterRegistrationBean<Filter> incidentApiAuthenticationFilter() {
    var registration = new FilterRegistrationBean<Filter>(new ProcessEngineAuthenticationFilter());
    registration.setName("chefsache-incident-api-authentication");
    registration.addUrlPatterns("/api/incidents", "/api/incidents/*", "/api/situations/*", "/api/erasures");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, provider);
    registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/api");
    return registration;
  }
}
