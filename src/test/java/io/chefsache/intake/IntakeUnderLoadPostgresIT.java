package io.chefsache.intake;

import io.chefsache.support.EmbeddedPostgresDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"demo", "test", "postgres"})
@DirtiesContext // close the application before the JVM's shutdown stops the embedded server
class IntakeUnderLoadPostgresIT extends IntakeUnderLoadContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = EmbeddedPostgresDatabase.newDatabase();
    registry.add("CHEFSACHE_DB_URL", () -> url);
    registry.add("CHEFSACHE_DB_USER", () -> "postgres");
    registry.add("CHEFSACHE_DB_PASSWORD", () -> "postgres");
  }
}
