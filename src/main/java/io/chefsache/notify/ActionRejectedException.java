package io.chefsache.notify;

/** The platform refused an action for good (e.g. the reply violates its rules): retrying will not help. */
public class ActionRejectedException extends RuntimeException {
  public ActionRejectedException(String message) {
    super(message);
  }
}
