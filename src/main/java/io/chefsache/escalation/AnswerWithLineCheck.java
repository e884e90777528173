package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.ANSWERED_BY;
import static io.chefsache.escalation.IncidentVariables.ANSWER_ALL_OPEN_THREADS;
import static io.chefsache.escalation.IncidentVariables.REPLY_TEXT;
import static io.chefsache.escalation.IncidentVariables.SITUATION_KEY;
import static io.chefsache.escalation.IncidentVariables.THREAD_ANSWER;

import io.chefsache.config.Texts;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A thread of a situation is answered within management's line: nothing before the line exists, a
 * reply needs its text, and whoever wrote it is recorded for the four-eyes check of a departure. A
 * crew member who answers with the line may answer all other open threads of the situation with it
 * in the same step (the request commits with the task; see {@link AnswerAllRequests}).
 */
@Component
class AnswerWithLineCheck implements TaskListener {

  private static final Set<String> ANSWERS = Set.of("withLine", "departs", "noReply");

  private final ActingUser actingUser;
  private final Situations situations;
  private final AnswerAllRequests answerAllRequests;
  private final Texts texts;

  AnswerWithLineCheck(ActingUser actingUser, Situations situations, AnswerAllRequests answerAllRequests,
      Texts texts) {
    this.actingUser = actingUser;
    this.situations = situations;
    this.answerAllRequests = answerAllRequests;
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    if (!situations.hasLine((String) task.getVariable(SITUATION_KEY))) {
      throw new BadUserRequestException(texts.refusal(THREAD_ANSWER, "lineNotYet"));
    }
    String answer = (String) task.getVariable(THREAD_ANSWER);
    if (answer == null || !ANSWERS.contains(answer)) {
      throw new BadUserRequestException(texts.refusal(THREAD_ANSWER, "threadAnswer"));
    }
    if (!answer.equals("noReply") && FormValues.isBlank(task.getVariable(REPLY_TEXT))) {
      throw new BadUserRequestException(texts.refusal(REPLY_TEXT, "replyText"));
    }
    String user = actingUser.of(task);
    task.getExecution().setVariable(ANSWERED_BY, user);
    if (answer.equals("withLine") && Boolean.TRUE.equals(task.getVariable(ANSWER_ALL_OPEN_THREADS))) {
      answerAllRequests.request((String) task.getVariable(SITUATION_KEY), user);
    }
  }
}
