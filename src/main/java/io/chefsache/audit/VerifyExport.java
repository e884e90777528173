package io.chefsache.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code verify-export FILE}: checks an audit export's hash chain and prints its head; exit code 1
 * if it was changed. Runs without the application and without a database.
 */
public final class VerifyExport {

  private VerifyExport() {
  }

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws IOException {
    if (args.length != 1) {
      out.println("usage: VerifyExport <export.json|export.csv>");
      return 2;
    }
    ExportVerifier.Result result = ExportVerifier.verify(Files.readAllBytes(Path.of(args[0])));
    if (result.valid()) {
      out.printf("VALID: %d entries, head %s%n", result.entries(), result.head());
      out.println("Compare the head with the one Chefsache kept for this export (audit page, Exports).");
      return 0;
    }
    out.printf("CHANGED: %s (%d entries check out before it)%n", result.problem(), result.entries());
    return 1;
  }
}
