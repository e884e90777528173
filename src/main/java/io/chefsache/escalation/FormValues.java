package io.chefsache.escalation;

final class FormValues {
  private FormValues() {
  }

  static boolean isBlank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
