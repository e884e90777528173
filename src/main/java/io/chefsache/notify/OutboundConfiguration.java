package io.chefsache.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class OutboundConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(OutboundConfiguration.class);

  /**
   * The retry cycle of every outbound service task, named in the diagrams as
   * {@code ${outboundRetryCycle}} so that operators set it once ({@code CHEFSACHE_OUTBOUND_RETRY_CYCLE}).
   */
  @Bean
  String outboundRetryCycle(OutboundProperties properties) {
    if (properties.platforms().isEmpty()) {
      LOG.warn("No platform endpoints configured (chefsache.outbound.platforms): publishing a reply will fail "
          + "and show up as an incident in Cockpit until one is set");
    }
    return properties.retryCycle();
  }
}
