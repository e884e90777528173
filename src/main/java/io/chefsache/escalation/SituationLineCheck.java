package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.ANSWER_ALL;
import static io.chefsache.escalation.IncidentVariables.LINE_CORE_STATEMENT;
import static io.chefsache.escalation.IncidentVariables.LINE_REPLY;
import static io.chefsache.escalation.IncidentVariables.LINE_SET_AT;
import static io.chefsache.escalation.IncidentVariables.LINE_SET_BY;
import static io.chefsache.escalation.IncidentVariables.PAUSE_POSTS;

import io.chefsache.config.Texts;
import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The line is binding for every thread of the situation, so it needs a core statement and the reply
 * the crew publishes; whoever set it is recorded as the engine authenticated them.
 */
@Component
class SituationLineCheck implements TaskListener {

  private final ActingUser actingUser;
  private final Clock clock;
  private final Texts texts;

  SituationLineCheck(ActingUser actingUser, Clock clock, Texts texts) {
    this.actingUser = actingUser;
    this.clock = clock;
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    if (FormValues.isBlank(task.getVariable(LINE_CORE_STATEMENT))) {
      throw new BadUserRequestException(texts.refusal(LINE_CORE_STATEMENT, "lineCoreStatement"));
    }
    if (FormValues.isBlank(task.getVariable(LINE_REPLY))) {
      throw new BadUserRequestException(texts.refusal(LINE_REPLY, "lineReply"));
    }
    task.getExecution().setVariable(PAUSE_POSTS, Boolean.TRUE.equals(task.getVariable(PAUSE_POSTS)));
    task.getExecution().setVariable(ANSWER_ALL, Boolean.TRUE.equals(task.getVariable(ANSWER_ALL)));
    task.getExecution().setVariable(LINE_SET_BY, actingUser.of(task));
    task.getExecution().setVariable(LINE_SET_AT, Date.from(clock.instant()));
  }
}
