package io.chefsache.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Looks for a value in every text column of every table, Chefsache's and the engine's (H2). */
public final class DatabaseScan {

  private DatabaseScan() {
  }

  /** Where {@code value} occurs, as "TABLE.COLUMN: row". */
  public static List<String> textColumnsContaining(JdbcTemplate jdbc, String value) {
    List<String> places = new ArrayList<>();
    List<Map<String, Object>> columns = jdbc.queryForList("""
        select table_name, column_name from information_schema.columns where table_schema = 'PUBLIC'
        and data_type in ('CHARACTER VARYING', 'CHARACTER LARGE OBJECT', 'CHARACTER')""");
    for (Map<String, Object> column : columns) {
      String table = (String) column.get("TABLE_NAME");
      String name = (String) column.get("COLUMN_NAME");
      for (Map<String, Object> row : jdbc.queryForList("select * from \"%s\" where \"%s\" like ?".formatted(table,
          name), "%" + value + "%")) {
        places.add(table + "." + name + ": " + row);
      }
    }
    return places;
  }
}
