package io.chefsache.escalation;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Who completes a task: the user the engine authenticated for the request (Tasklist, REST), not
 * whoever the task happens to be assigned to. Without an authentication (a test driving the engine
 * directly) the assignee stands in.
 */
@Component
class ActingUser {

  private final IdentityService identityService;

  ActingUser(IdentityService identityService) {
    this.identityService = identityService;
  }

  String of(DelegateTask task) {
    var authentication = identityService.getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return task.getAssignee();
  }
}
