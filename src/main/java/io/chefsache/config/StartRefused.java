package io.chefsache.config;

/**
 * A setting that keeps Chefsache from starting. {@link StartRefusedFailureAnalyzer} reports it as
 * Spring Boot reports a missing setting: what is wrong and what to do, without a stack trace.
 */
public class StartRefused extends RuntimeException {

  private final String action;

  /**
   * @param description what is wrong, in one sentence that names the setting
   * @param action what the operator does about it
   */
  public StartRefused(String description, String action) {
    super(description);
    this.action = action;
  }

  public String action() {
    return action;
  }
}
