package io.chefsache.security;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.repository.DeleteProcessDefinitionsBuilder;
import org.camunda.bpm.engine.repository.DeleteProcessDefinitionsSelectBuilder;
import org.camunda.bpm.engine.repository.DeleteProcessDefinitionsTenantBuilder;

/**
 * The engine's repository service, except that deleting a deployment or process definition with
 * {@code cascade} is refused: it would delete the history of every incident of that version, which
 * is the audit trail. Deleting without cascade keeps the history (the engine refuses it while an
 * instance still runs) and is recorded in the user operation log.
 */
class AuditKeepingRepositoryService extends RepositoryServiceImpl {

  static final String REFUSED = "Deleting with cascade is refused: it would erase the history of the incidents "
      + "(the audit trail). An administrator deletes a deployment without cascade once no incident of it runs.";

  @Override
  public void deleteDeploymentCascade(String deploymentId) {
    throw new BadUserRequestException(REFUSED);
  }

  @Override
  public void deleteDeployment(String deploymentId, boolean cascade) {
    refuseCascade(cascade);
    super.deleteDeployment(deploymentId, cascade);
  }

  @Override
  public void deleteDeployment(String deploymentId, boolean cascade, boolean skipCustomListeners) {
    refuseCascade(cascade);
    super.deleteDeployment(deploymentId, cascade, skipCustomListeners);
  }

  @Override
  public void deleteDeployment(String deploymentId, boolean cascade, boolean skipCustomListeners,
      boolean skipIoMappings) {
    refuseCascade(cascade);
    super.deleteDeployment(deploymentId, cascade, skipCustomListeners, skipIoMappings);
  }

  @Override
  public void deleteProcessDefinition(String processDefinitionId, boolean cascade) {
    refuseCascade(cascade);
    super.deleteProcessDefinition(processDefinitionId, cascade);
  }

  @Override
  public void deleteProcessDefinition(String processDefinitionId, boolean cascade, boolean skipCustomListeners) {
    refuseCascade(cascade);
    super.deleteProcessDefinition(processDefinitionId, cascade, skipCustomListeners);
  }

  @Override
  public void deleteProcessDefinition(String processDefinitionId, boolean cascade, boolean skipCustomListeners,
      boolean skipIoMappings) {
    refuseCascade(cascade);
    super.deleteProcessDefinition(processDefinitionId, cascade, skipCustomListeners, skipIoMappings);
  }

  @Override
  public DeleteProcessDefinitionsSelectBuilder deleteProcessDefinitions() {
    DeleteProcessDefinitionsSelectBuilder engine = super.deleteProcessDefinitions();
    return new DeleteProcessDefinitionsSelectBuilder() {
      @Override
      public DeleteProcessDefinitionsBuilder byIds(String... processDefinitionId) {
        return new WithoutCascade(engine.byIds(processDefinitionId));
      }

      @Override
      public DeleteProcessDefinitionsTenantBuilder byKey(String processDefinitionKey) {
        return new WithoutCascade(engine.byKey(processDefinitionKey));
      }
    };
  }

  private static void refuseCascade(boolean cascade) {
    if (cascade) {
      throw new BadUserRequestException(REFUSED);
    }
  }

  private static final class WithoutCascade implements DeleteProcessDefinitionsTenantBuilder {
    private final DeleteProcessDefinitionsBuilder engine;

    WithoutCascade(DeleteProcessDefinitionsBuilder engine) {
      this.engine = engine;
    }

    @Override
    public DeleteProcessDefinitionsBuilder withoutTenantId() {
      return new WithoutCascade(((DeleteProcessDefinitionsTenantBuilder) engine).withoutTenantId());
    }

    @Override
    public DeleteProcessDefinitionsBuilder withTenantId(String tenantId) {
      return new WithoutCascade(((DeleteProcessDefinitionsTenantBuilder) engine).withTenantId(tenantId));
    }

    @Override
    public DeleteProcessDefinitionsBuilder skipCustomListeners() {
      engine.skipCustomListeners();
      return this;
    }

    @Override
    public DeleteProcessDefinitionsBuilder skipIoMappings() {
      engine.skipIoMappings();
      return this;
    }

    @Override
    public DeleteProcessDefinitionsBuilder cascade() {
      throw new BadUserRequestException(REFUSED);
    }

    @Override
    public void delete() {
      engine.delete();
    }
  }
}
