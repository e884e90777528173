package io.chefsache.intake;

import static io.chefsache.support.MentionJson.mention;
import static io.chefsache.support.MentionJson.uniqueThread;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.replay.SignedMentionSender;
import io.chefsache.support.MentionJson;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.ActiveProfiles;

/** When the database is unreachable the intake says so (503, retry later) and loses nothing it accepted. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class IntakeDatabaseDownIT {

  /** Wraps the pool: while the database is "down", getting a connection fails as Hikari's timeout does. */
  static class Outage extends DelegatingDataSource {
    volatile boolean down;

    Outage(DataSource target) {
      super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (down) {
        throw new SQLTransientConnectionException("Connection is not available, request timed out");
      }
      return super.getConnection();
    }
  }

  @TestConfiguration
  static class OutageConfiguration {
    @Bean
    static BeanPostProcessor outage() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          return bean instanceof DataSource dataSource && !(bean instanceof Outage) ? new Outage(dataSource) : bean;
        }
      };
    }
  }

  @LocalServerPort
  int port;
  @Autowired
  DataSource dataSource;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void aDatabaseOutageIsA503AndAcceptedMentionsSurviveIt() throws Exception {
    var sender = MentionJson.demoSender(port);
    String thread = uniqueThread("outage");
    var accepted = sender.send(mention(thread).json());

    Outage outage = (Outage) dataSource;
    outage.down = true;
    SignedMentionSender.Response refused;
    try {
      refused = sender.send(mention(thread).json());
    } finally {
      outage.down = false;
    }
    var afterwards = sender.send(mention(thread).json());

    assertThat(accepted.status()).isEqualTo(202);
    assertThat(refused.status()).isEqualTo(503);
    assertThat(new ObjectMapper().readTree(refused.body()).get("title").asText()).isEqualTo("Temporarily unavailable");
    assertThat(refused.body()).doesNotContain("Exception");
    assertThat(afterwards.status()).isEqualTo(202);
    assertThat(jdbc.queryForObject("select count(*) from mention where incident_key = ?", Long.class,
        "facebook:" + thread)).isEqualTo(2);
  }
}
