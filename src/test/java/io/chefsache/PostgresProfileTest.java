package io.chefsache;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.EmbeddedPostgresDatabase;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The production set-up: the postgres profile against a real PostgreSQL server, configured the way
 * an operator does it (environment variables), without the demo profile.
 */
class PostgresProfileTest {

  @Test
  void startsOnPostgresDeploysTheCrisisPlanAndKeepsItAcrossRestarts() {
    String url = EmbeddedPostgresDatabase.newDatabase();
    long deploymentsAfterFirstStart;
    long definitionsAfterFirstStart;

    try (ConfigurableApplicationContext app = start(url)) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      RepositoryService repository = engine.getRepositoryService();
      IdentityService identity = engine.getIdentityService();

      assertThat(engine.getProcessEngineConfiguration().getDatabaseType()).isEqualTo("postgres");
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("IncidentEscalationProcess").count())
          .isEqualTo(1);
      assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactly("admin");
      assertThat(identity.checkPassword("admin", "Kr1sen-Plan!2026")).isTrue();
      assertThat(identity.createGroupQuery().groupId("social-media-crew").count()).isEqualTo(1);

      String id = engine.getRuntimeService()
          .startProcessInstanceByKey("IncidentEscalationProcess", "test:postgres").getId();
      var task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult();
      engine.getTaskService().complete(task.getId());
      HistoryService history = engine.getHistoryService();
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).finished().count())
          .isEqualTo(1);

      deploymentsAfterFirstStart = repository.createDeploymentQuery().count();
      definitionsAfterFirstStart = repository.createProcessDefinitionQuery().count()
          + repository.createDecisionDefinitionQuery().count();
    }

    try (ConfigurableApplicationContext restarted = start(url)) {
      RepositoryService repository = restarted.getBean(ProcessEngine.class).getRepositoryService();
      assertThat(repository.createDeploymentQuery().count()).isEqualTo(deploymentsAfterFirstStart);
      assertThat(repository.createProcessDefinitionQuery().count()
          + repository.createDecisionDefinitionQuery().count()).isEqualTo(definitionsAfterFirstStart);
    }
  }

  private static ConfigurableApplicationContext start(String jdbcUrl) {
    return new SpringApplicationBuilder(ChefsacheApplication.class)
        .profiles("postgres")
        .properties(
            "CHEFSACHE_DB_URL=" + jdbcUrl,
            "CHEFSACHE_DB_USER=postgres",
            "CHEFSACHE_DB_PASSWORD=postgres",
            "CHEFSACHE_ADMIN_PASSWORD=Kr1sen-Plan!2026",
            "server.port=0",
            "management.server.port=0",
            "camunda.bpm.job-execution.enabled=false")
        .run();
  }
}
