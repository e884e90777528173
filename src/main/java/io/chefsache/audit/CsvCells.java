package io.chefsache.audit;

/**
 * Cells of a CSV export as a spreadsheet must show them: as text. A cell that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return would be run as a formula (an author
 * handle {@code =HYPERLINK(…)} becomes a live link), so it gets a leading single quote (OWASP, CSV
 * injection). A cell that starts with a quote gets one more, so that the verifier can take exactly
 * one away and hash the value as it was recorded: the hashes of a CSV export are those of its JSON.
 */
final class CsvCells {

  private static final String ESCAPE = "'";
  private static final String STARTS_A_FORMULA = "=+-@\t\r" + ESCAPE;

  private CsvCells() {
  }

  /** The cell to write for a recorded value. */
  static Object neutralize(Object value) {
    if (value instanceof String text && !text.isEmpty() && STARTS_A_FORMULA.indexOf(text.charAt(0)) >= 0) {
      return ESCAPE + text;
    }
    return value;
  }

  /** The recorded value of a cell that {@link #neutralize} wrote. */
  static String restore(String cell) {
    return cell != null && cell.startsWith(ESCAPE) ? cell.substring(ESCAPE.length()) : cell;
  }
}
