package io.chefsache.notify;

/**
 * A call that may succeed later (timeout, refused connection, 5xx, 429): the job fails, the engine
 * retries it on the configured cycle and raises a Cockpit incident when the retries are used up.
 */
public class DeliveryFailedException extends RuntimeException {
  public DeliveryFailedException(String message) {
    super(message);
  }

  public DeliveryFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
