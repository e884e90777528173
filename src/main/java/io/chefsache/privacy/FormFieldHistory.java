package io.chefsache.privacy;

import java.util.Collection;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The values people submitted with a Tasklist form, read-only context fields included, are kept by
 * the engine as form fields of the history, which no public API changes or deletes: they are rewritten
 * in their table ({@code ACT_HI_DETAIL}, type {@code FormProperty}, value in {@code TEXT_}, part of
 * Camunda's documented database schema), found through the public query.
 */
final class FormFieldHistory {

  private FormFieldHistory() {
  }

  static void rewrite(JdbcTemplate jdbc, String detailId, String text) {
    jdbc.update("update ACT_HI_DETAIL set TEXT_ = ? where ID_ = ? and TYPE_ = 'FormProperty'", text, detailId);
  }

  /** Empties the submitted fields {@code fieldIds} of a process, wherever a form carried them. */
  static void empty(JdbcTemplate jdbc, HistoryService history, String processInstanceId, Collection<String> fieldIds) {
    for (HistoricDetail detail : history.createHistoricDetailQuery().formFields().processInstanceId(processInstanceId)
        .list()) {
      if (detail instanceof HistoricFormField field && fieldIds.contains(field.getFieldId())
          && field.getFieldValue() instanceof String value && !value.isEmpty()) {
        rewrite(jdbc, field.getId(), "");
      }
    }
  }
}
