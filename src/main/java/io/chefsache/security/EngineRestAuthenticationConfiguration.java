package io.chefsache.security;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine REST API (used by Camunda Modeler to deploy, and by integrators) is open by default.
 * Chefsache puts Camunda's own HTTP Basic authentication in front of it: every request is checked
 * against the engine's identity service and then runs as that user, so authorizations apply.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestAuthenticationConfiguration {

  @Bean
  FilterRegistrationBean<Filter> engineRestAuthenticationFilter(
      @Value("${spring.jersey.application-path:/engine-rest}") String restPath) {
    var registration = new FilterRegistrationBean<Filter>(new ProcessEngineAuthenticationFilter());
    registration.setName("chefsache-engine-rest-authentication");
    registration.addUrlPatterns(restPath + "/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, restPath);
    return registration;
  }

  /** Chefsache's own API for integrators and staff: the same login, and the engine's authorizations apply. */
  @Bean
  FilterRegistrationBean<Filter> incidentApiAuthenticationFilter() {
    var registration = new FilterRegistrationBean<Filter>(new ProcessEngineAuthenticationFilter());
    registration.setName("chefsache-incident-api-authentication");
    registration.addUrlPatterns("/api/incidents", "/api/incidents/*", "/api/situations/*", "/api/erasures");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/api");
    return registration;
  }
}
