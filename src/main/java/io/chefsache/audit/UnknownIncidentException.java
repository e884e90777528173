package io.chefsache.audit;

/** No incident with this key exists (or its history has been cleaned up). */
public class UnknownIncidentException extends RuntimeException {
  public UnknownIncidentException(String incidentKey) {
    super("No incident " + incidentKey);
  }
}
