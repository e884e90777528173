package io.chefsache.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaProcessEngineConfiguration;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Deployments are configuration, not code (issue 18, item 5; src/site/markdown/process-owners.md):
 * <ul>
 *   <li>every new deployment is checked against {@link DiagramRules} and the features'
 *       {@link DeploymentCheck}s before the engine parses it, on
 *       every path (REST, Modeler, the application's own start-up deployment); a refused one answers
 *       400 on {@code /engine-rest/deployment/create}, naming the element, and nothing is deployed;</li>
 *   <li>a deployment's creator is not granted DELETE on it (Camunda's default), so only an
 *       administrator deletes deployments, which the engine's user operation log records;</li>
 *   <li>nobody deletes with {@code cascade}, which would erase the history of the incidents
 *       ({@link AuditKeepingRepositoryService}).</li>
 * </ul>
 * The engine has no public deployment hook, so this uses its internal deployer and service classes.
 */
@Component
class DeploymentGuard implements CamundaProcessEngineConfiguration {

  private static final List<Class<?>> DELEGATE_TYPES =
      List.of(JavaDelegate.class, ExecutionListener.class, TaskListener.class);
  /** Application beans diagrams may name that are values, not delegates. */
  private static final List<String> VALUE_BEANS = List.of("outboundRetryCycle");

  private final ListableBeanFactory beans;

  DeploymentGuard(ListableBeanFactory beans) {
    this.beans = beans;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> preDeployers = new ArrayList<>();
    if (configuration.getCustomPreDeployers() != null) {
      preDeployers.addAll(configuration.getCustomPreDeployers());
    }
    preDeployers.add(this::check);
    configuration.setCustomPreDeployers(preDeployers);
    configuration.setRepositoryService(new AuditKeepingRepositoryService());
    configuration.setResourceAuthorizationProvider(new CreatorsMayNotDelete());
  }

  /** The application's delegates and listeners by bean name, and its value beans: what a diagram may name. */
  private List<String> allowedBeans() {
    Stream<String> delegates = DELEGATE_TYPES.stream()
        .flatMap(type -> Stream.of(beans.getBeanNamesForType(type, true, false)))
        .filter(name -> {
          Class<?> type = beans.getType(name, false);
          return type != null && type.getPackageName().startsWith("io.chefsache.");
        });
    return Stream.concat(delegates, VALUE_BEANS.stream()).distinct().sorted().toList();
  }

  private void check(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    List<String> allowed = allowedBeans();
    var rules = new DiagramRules(new ExpressionRules(beans::containsBean, allowed::contains));
    for (Map.Entry<String, ResourceEntity> resource : deployment.getResources().entrySet()) {
      List<Problem> problems = new ArrayList<>(rules.check(resource.getKey(), resource.getValue().getBytes()));
      if (problems.isEmpty()) {
        // only a resource the rules admit (no scripts, no FEEL external functions) may be evaluated by a check
        beans.getBeansOfType(DeploymentCheck.class).values().forEach(check -> check
            .check(resource.getKey(), resource.getValue().getBytes())
            .forEach(refusal -> problems.add(new DiagramRules.RuleViolation(refusal.message(), 0, 0, refusal.element()))));
      }
      if (!problems.isEmpty()) {
        throw new ParseException("Deployment refused: " + resource.getKey() + ": " + problems.get(0).getMessage()
            + " (src/site/markdown/process-owners.md says what a diagram may contain)",
            resource.getKey(), problems, List.of());
      }
    }
  }

  /** Camunda grants the creator of a deployment READ and DELETE on it; here READ comes from the group only. */
  private static final class CreatorsMayNotDelete extends DefaultAuthorizationProvider {
    @Override
    public AuthorizationEntity[] newDeployment(Deployment deployment) {
      return null;
    }
  }
}
