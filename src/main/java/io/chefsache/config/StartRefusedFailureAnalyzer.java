package io.chefsache.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link StartRefused} in the start-up log as description and action (META-INF/spring.factories). */
class StartRefusedFailureAnalyzer extends AbstractFailureAnalyzer<StartRefused> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, StartRefused cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
