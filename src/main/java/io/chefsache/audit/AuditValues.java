package io.chefsache.audit;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Values in a timeline's details as auditors read them, whichever source they come from: DMN inputs
 * and outputs, level variables, form values.
 */
final class AuditValues {

  private AuditValues() {
  }

  /** A typed value as auditors read it; objects (e.g. FEEL lists) as their stored JSON. */
  static Object plain(TypedValue typed) {
    if (typed instanceof ObjectValue object && !object.isDeserialized()) {
      return object.getValueSerialized();
    }
    return plain(typed.getValue());
  }

  /** Variable values as auditors read them: dates as ISO instants, numbers as they are. */
  static Object plain(Object value) {
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    if (value instanceof Double || value instanceof Float) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> || value instanceof List<?> || value instanceof String || value instanceof Number
        || value instanceof Boolean || value == null) {
      return value;
    }
    return value.toString();
  }
}
