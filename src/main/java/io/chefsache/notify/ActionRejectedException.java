package io.chefsache.notify;

/** The platform refused an action for good (e.g. the reply violates its rules): retrying will not help. */
public class ActionRejectedException extends RuntimeException {

  private final Integer httpStatus;

  public ActionRejectedException(String message) {
    this(message, null);
  }

  public ActionRejectedException(String message, Integer httpStatus) {
    super(message);
    this.httpStatus = httpStatus;
  }

  /** The platform's HTTP status, if the refusal came from the platform. */
  public Integer httpStatus() {
    return httpStatus;
  }
}
