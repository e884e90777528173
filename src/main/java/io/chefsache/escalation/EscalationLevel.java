package io.chefsache.escalation;

/** The levels of the crisis plan and the rule that a level never drops by itself. */
public enum EscalationLevel {
  OBSERVE, CREW, MANAGEMENT, CRISIS;

  public static final int HIGHEST = CRISIS.ordinal();

  public static EscalationLevel of(int level) {
    return values()[Math.max(0, Math.min(HIGHEST, level))];
  }

  public String label() {
    return name().toLowerCase();
  }

  /** Whether a proposed level changes anything: only a higher level does. */
  public static boolean raises(Integer current, int proposed) {
    return current == null || proposed > current;
  }
}
