package io.chefsache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class DatabaseHealthConfigurationTest {

  /** A connection of a database H2 has closed after a write error: valid to the driver, useless to a query. */
  private static DataSource closedDatabase() throws SQLException {
    Connection connection = mock(Connection.class);
    when(connection.isValid(anyInt())).thenReturn(true);
    DatabaseMetaData metaData = mock(DatabaseMetaData.class);
    when(metaData.getDatabaseProductName()).thenReturn("H2");
    when(connection.getMetaData()).thenReturn(metaData);
    Statement statement = mock(Statement.class);
    when(statement.executeQuery(anyString())).thenThrow(new SQLException("Database is already closed [90098]"));
    when(connection.createStatement()).thenReturn(statement);
    DataSource dataSource = mock(DataSource.class);
    when(dataSource.getConnection()).thenReturn(connection);
    return dataSource;
  }

  @Test
  void aDatabaseThatH2ClosedIsDownThoughItsConnectionsSayValid() throws SQLException {
    var health = new DatabaseHealthConfiguration().dbHealthIndicator(closedDatabase()).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().toString()).contains("closed");
  }
}
