package io.chefsache;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.escalation.IncidentProcess;
import io.chefsache.notify.OutboundAction;
import io.chefsache.notify.OutboundActions;
import io.chefsache.support.EmbeddedPostgresDatabase;
import io.chefsache.support.IncidentDriver;
import io.chefsache.support.OutboundStub;
import io.chefsache.support.TestDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The production set-up: the postgres profile against a real PostgreSQL server, configured the way
 * an operator does it (environment variables), without the demo profile.
 */
class PostgresProfileIT {

  @Test
  void startsOnPostgresRunsAnIncidentAndARestartKeepsTheProcessOwnersVersion() {
    String url = EmbeddedPostgresDatabase.newDatabase();
    long deploymentsAfterFirstStart;
    String ownersDeployment;
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

      var driver = new IncidentDriver(engine, app.getBean(IncidentProcess.class), app.getBean(OutboundActions.class));
      var incident = driver.open(IncidentDriver.question());
      driver.complete(incident, "Task_RespondToMention", "admin",
          Map.of("crewDecision", "reply", "replyText", "Danke, wir melden uns."));
      HistoryService history = engine.getHistoryService();
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(incident.getId()).finished().count())
          .isEqualTo(1);
      assertThat(driver.outbound(incident)).extracting(OutboundAction::body, OutboundAction::status)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Danke, wir melden uns.", OutboundAction.Status.SENT));

      ownersDeployment = repository.createDeployment().name("crisis-plan-change").source("Camunda Modeler")
          .addString("IncidentTriage.dmn", packagedTriage().replace("&gt;= 100", "&gt;= 80"))
          .deploy().getId();
      deploymentsAfterFirstStart = repository.createDeploymentQuery().count();
      definitionsAfterFirstStart = repository.createProcessDefinitionQuery().count()
          + repository.createDecisionDefinitionQuery().count();
    }

    try (ConfigurableApplicationContext restarted = start(url)) {
      RepositoryService repository = restarted.getBean(ProcessEngine.class).getRepositoryService();
      assertThat(repository.createDeploymentQuery().count()).isEqualTo(deploymentsAfterFirstStart);
      assertThat(repository.createProcessDefinitionQuery().count()
          + repository.createDecisionDefinitionQuery().count()).isEqualTo(definitionsAfterFirstStart);
      assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("IncidentTriage").latestVersion()
          .singleResult().getDeploymentId()).as("the process owner's version stays the latest").isEqualTo(ownersDeployment);
    }
  }

  @Test
  void theLdapProfileCombinesWithPostgres() {
    String url = EmbeddedPostgresDatabase.newDatabase();

    try (ConfigurableApplicationContext app = start(url, "postgres", "ldap")) {
      IdentityService identity = app.getBean(ProcessEngine.class).getIdentityService();

      assertThat(identity.isReadOnly()).isTrue();
      assertThat(identity.checkPassword("mia", TestDirectory.PASSWORD)).isTrue();
      assertThat(identity.createGroupQuery().groupMember("mia").list()).extracting(Group::getId)
          .containsExactly("social-media-crew");
      assertThat(identity.checkPassword(TestDirectory.BREAK_GLASS_ADMIN, TestDirectory.BREAK_GLASS_PASSWORD)).isTrue();
      assertThat(app.getBean(JdbcTemplate.class).queryForObject("select user_id from break_glass_login", String.class))
          .isEqualTo(TestDirectory.BREAK_GLASS_ADMIN);
    }
  }

  private static String packagedTriage() {
    try (InputStream in = PostgresProfileIT.class.getResourceAsStream("/IncidentTriage.dmn")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ConfigurableApplicationContext start(String jdbcUrl) {
    return start(jdbcUrl, "postgres");
  }

  /** The properties here are defaults: {@link TestDirectory} sets the admin password and secrets of the ldap profile. */
  private static ConfigurableApplicationContext start(String jdbcUrl, String... profiles) {
    var app = new SpringApplicationBuilder(ChefsacheApplication.class).profiles(profiles).initializers(new OutboundStub());
    if (List.of(profiles).contains("ldap")) {
      app.initializers(new TestDirectory());
    }
    return app
        .properties(
            "CHEFSACHE_DB_URL=" + jdbcUrl,
            "CHEFSACHE_DB_USER=postgres",
            "CHEFSACHE_DB_PASSWORD=postgres",
            "CHEFSACHE_ADMIN_PASSWORD=Kr1sen-Plan!2026",
            "CHEFSACHE_INTAKE_WEBHOOK_SECRETS=whsec_cG9zdGdyZXMtcHJvZmlsZS10ZXN0LXNlY3JldA==",
            "CHEFSACHE_PORT=0",
            "CHEFSACHE_MANAGEMENT_PORT=0",
            "camunda.bpm.job-execution.enabled=false")
        .run();
  }
}
