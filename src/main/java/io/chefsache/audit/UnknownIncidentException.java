package io.chefsache.audit;

/** No incident with this key exists (or its history has been cleaned up). */
public class UnknownIncidentException extends RuntimeException {

  private final String incidentKey;

  public UnknownIncidentException(String incidentKey) {
    super("No incident " + incidentKey);
    this.incidentKey = incidentKey;
  }

  public String incidentKey() {
    return incidentKey;
  }
}
