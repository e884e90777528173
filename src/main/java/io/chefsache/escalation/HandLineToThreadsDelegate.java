package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.ANSWER_ALL;
import static io.chefsache.escalation.IncidentVariables.LINE_ANSWERS;
import static io.chefsache.escalation.IncidentVariables.LINE_AVOID;
import static io.chefsache.escalation.IncidentVariables.LINE_CORE_STATEMENT;
import static io.chefsache.escalation.IncidentVariables.LINE_REPLY;
import static io.chefsache.escalation.IncidentVariables.LINE_SET_AT;
import static io.chefsache.escalation.IncidentVariables.LINE_SET_BY;
import static io.chefsache.escalation.IncidentVariables.LINE_SUMMARY;
import static io.chefsache.escalation.IncidentVariables.LINE_TONE;
import static io.chefsache.escalation.IncidentVariables.PAUSE_POSTS;
import static io.chefsache.escalation.IncidentVariables.SITUATION_KEY;

import io.chefsache.config.Texts;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Management's line reaches the crew task of every thread of the situation (within a second of this
 * step's commit, see {@link Situations#catchUp}); if management asked for it, every thread still
 * open is answered with the line right after this step commits. The situation and its crisis, if
 * one runs, carry the line too, so the crisis team drafts its statement with the line before it.
 */
@Component
class HandLineToThreadsDelegate implements JavaDelegate {

  private final Situations situations;
  private final AnswerAllRequests answerAllRequests;
  private final Texts texts;

  HandLineToThreadsDelegate(Situations situations, AnswerAllRequests answerAllRequests, Texts texts) {
    this.situations = situations;
    this.answerAllRequests = answerAllRequests;
    this.texts = texts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String situationKey = (String) execution.getVariable(SITUATION_KEY);
    var line = new SituationLine((String) execution.getVariable(LINE_CORE_STATEMENT),
        (String) execution.getVariable(LINE_REPLY), (String) execution.getVariable(LINE_TONE),
        (String) execution.getVariable(LINE_AVOID), (String) execution.getVariable(LINE_ANSWERS),
        Boolean.TRUE.equals(execution.getVariable(PAUSE_POSTS)), (String) execution.getVariable(LINE_SET_BY),
        ((Date) execution.getVariable(LINE_SET_AT)).toInstant());
    situations.handOver(situationKey, line);
    shareWithSituation(execution, line.summary(texts));
    if (Boolean.TRUE.equals(execution.getVariable(ANSWER_ALL))) {
      answerAllRequests.request(situationKey, line.setBy());
    }
  }

  private static void shareWithSituation(DelegateExecution execution, String summary) {
    var runtimeService = execution.getProcessEngineServices().getRuntimeService();
    String situation = execution.getSuperExecution().getProcessInstanceId();
    runtimeService.setVariable(situation, LINE_SUMMARY, summary);
    runtimeService.createProcessInstanceQuery().superProcessInstanceId(situation).list().stream()
        .filter(level -> !level.getId().equals(execution.getProcessInstanceId()))
        .forEach(level -> runtimeService.setVariable(level.getId(), LINE_SUMMARY, summary));
  }
}
