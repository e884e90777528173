package io.chefsache.privacy;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The texts the engine's history keeps, rewritten where they are stored: no public API changes the
 * history of a variable (least of all one of an ended process) or the values people submitted with a
 * Tasklist form (read-only context fields included). The rows are found through the public query and
 * rewritten in Camunda's documented tables: a string variable's value and each of its past values in
 * {@code ACT_HI_VARINST} and {@code ACT_HI_DETAIL} (type {@code VariableUpdate}), a form field in
 * {@code ACT_HI_DETAIL} (type {@code FormProperty}), each in {@code TEXT_}. Every value keeps its
 * time. A move to another engine version must check that these tables keep their columns.
 */
final class HistoryText {

  private HistoryText() {
  }

  /** Rewrites a string variable's value and every value it had before, each where it is kept. */
  static void rewriteVariable(JdbcTemplate jdbc, String variableId, UnaryOperator<String> rewrite) {
    Map.of("ACT_HI_VARINST", "ID_ = ?", "ACT_HI_DETAIL", "VAR_INST_ID_ = ? and TYPE_ = 'VariableUpdate'")
        .forEach((table, ofTheVariable) -> jdbc.query("select ID_, TEXT_ from " + table + " where " + ofTheVariable
            + " and VAR_TYPE_ = 'string'", rs -> {
              String value = rs.getString(2);
              String replaced = rewrite.apply(value);
              if (!Objects.equals(replaced, value)) {
                jdbc.update("update " + table + " set TEXT_ = ? where ID_ = ?", replaced, rs.getString(1));
              }
            }, variableId));
  }

  static void rewriteFormField(JdbcTemplate jdbc, String detailId, String text) {
    jdbc.update("update ACT_HI_DETAIL set TEXT_ = ? where ID_ = ? and TYPE_ = 'FormProperty'", text, detailId);
  }

  /** Empties the submitted fields {@code fieldIds} of a process, wherever a form carried them. */
  static void emptyFormFields(JdbcTemplate jdbc, HistoryService history, String processInstanceId,
      Collection<String> fieldIds) {
    for (HistoricDetail detail : history.createHistoricDetailQuery().formFields().processInstanceId(processInstanceId)
        .list()) {
      if (detail instanceof HistoricFormField field && fieldIds.contains(field.getFieldId())
          && field.getFieldValue() instanceof String value && !value.isEmpty()) {
        rewriteFormField(jdbc, field.getId(), "");
      }
    }
  }
}
