package io.chefsache.config;

import javax.sql.DataSource;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database's health is a query, not the driver's {@code isValid()}: H2 closes its database after a
 * write error (a full disk) and its open connections still answer {@code isValid()} with true, so
 * health said UP while every mention was refused. With the query, health and readiness (which
 * includes it, see application.yaml) say DOWN, and a load balancer takes the node out.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseHealthConfiguration {

  @Bean
  DataSourceHealthIndicator dbHealthIndicator(DataSource dataSource) {
    return new DataSourceHealthIndicator(dataSource, "SELECT 1");
  }
}
