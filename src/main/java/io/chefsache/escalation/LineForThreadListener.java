package io.chefsache.escalation;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** A thread's crew task of a situation carries management's line, or says that it waits for it. */
@Component
class LineForThreadListener implements TaskListener {

  private final Situations situations;

  LineForThreadListener(Situations situations) {
    this.situations = situations;
  }

  @Override
  public void notify(DelegateTask task) {
    @SuppressWarnings("unchecked")
    var deadlines = (Map<String, Object>) task.getVariable("deadlines");
    situations.lineForThread(task, (String) deadlines.get("answerWithLineDue"));
  }
}
