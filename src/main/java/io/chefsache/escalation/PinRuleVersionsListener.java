package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.DEADLINE_RULES_VERSION;
import static io.chefsache.escalation.IncidentVariables.GROUPING_RULES_VERSION;
import static io.chefsache.escalation.IncidentVariables.TRIAGE_RULES_VERSION;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * When an incident opens, it takes the decision tables that are current then and keeps them for
 * its whole life: a process owner's new thresholds apply to new incidents, running ones keep the
 * rules they started with. The diagrams refer to the versions pinned here.
 */
@Component
class PinRuleVersionsListener implements ExecutionListener {

  static final String TRIAGE_DECISION = "IncidentTriage";
  static final String DEADLINES_DECISION = "ResponseDeadlines";
  static final String GROUPING_DECISION = "SituationGrouping";

  private final RepositoryService repositoryService;

  PinRuleVersionsListener(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable(TRIAGE_RULES_VERSION, latestVersion(TRIAGE_DECISION));
    execution.setVariable(DEADLINE_RULES_VERSION, latestVersion(DEADLINES_DECISION));
    execution.setVariable(GROUPING_RULES_VERSION, latestVersion(GROUPING_DECISION));
  }

  private int latestVersion(String decisionKey) {
    DecisionDefinition latest = repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(decisionKey)
        .withoutTenantId()
        .latestVersion()
        .singleResult();
    if (latest == null) {
      throw new IllegalStateException("Decision table " + decisionKey + " is not deployed");
    }
    return latest.getVersion();
  }
}
