package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.MENTION_LANGUAGE;
import static io.chefsache.escalation.IncidentVariables.MENTION_TEXT;
import static io.chefsache.escalation.IncidentVariables.OTHER_REPLY_TEMPLATES;
import static io.chefsache.escalation.IncidentVariables.REPLY_TEXT;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pre-fills the crew's reply with the first template in the mention's language (DMN ReplyTemplates)
 * and lists the others of that language beside it: the crew reads and may edit the whole text that
 * is published; nothing goes out unseen. A reply already written (the task comes back after the
 * platform refused it) is kept; without usable templates (a table with an error) the reply starts empty.
 */
@Component
class ReplyTemplateListener implements TaskListener {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyTemplateListener.class);

  private final ReplyTemplates templates;

  ReplyTemplateListener(ReplyTemplates templates) {
    this.templates = templates;
  }

  @Override
  public void notify(DelegateTask task) {
    var execution = task.getExecution();
    String language = templates.languageOf((String) execution.getVariable(MENTION_LANGUAGE),
        (String) execution.getVariable(MENTION_TEXT));
    execution.setVariable(MENTION_LANGUAGE, language);
    List<ReplyTemplates.Template> inLanguage;
    try {
      inLanguage = templates.in(language);
    } catch (RuntimeException brokenTable) {
      // a table the process owner got wrong (the DMN and FEEL engines throw exceptions of their own
      // kinds) must not keep the crew from its task: it writes the reply itself
      LOG.warn("Reply templates not available ({}): the crew's reply starts empty", brokenTable.getMessage());
      return;
    }
    if (inLanguage.isEmpty()) {
      return;
    }
    if (FormValues.isBlank(execution.getVariable(REPLY_TEXT))) {
      execution.setVariable(REPLY_TEXT, inLanguage.get(0).text());
    }
    execution.setVariable(OTHER_REPLY_TEMPLATES, inLanguage.stream()
        .map(template -> template.name() + ":\n" + template.text()).collect(Collectors.joining("\n\n")));
  }
}
