package io.chefsache.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code verify-export FILE}: checks an audit export's hash chain and prints its head; exit code 1
 * if it was changed. {@code verify-export EARLIER LATER}: checks both and explains every entry the
 * later export changed by the erasure it records (GDPR Art. 17), exit code 1 for any other change.
 * Runs without the application and without a database.
 */
public final class VerifyExport {

  private VerifyExport() {
  }

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws IOException {
    if (args.length == 2) {
      return compare(Files.readAllBytes(Path.of(args[0])), Files.readAllBytes(Path.of(args[1])), out);
    }
    if (args.length != 1) {
      out.println("usage: VerifyExport <export.json|export.csv> [<a later export of the same incidents>]");
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

  /** Both exports verify, and every entry the later one changed is explained by a recorded erasure. */
  private static int compare(byte[] earlier, byte[] later, PrintStream out) {
    ExportVerifier.Comparison comparison = ExportVerifier.compare(earlier, later);
    out.printf("earlier export's head %s, later export's head %s: compare both with the heads Chefsache kept "
        + "(audit page, Exports); a later export whose head is not there was not made by Chefsache%n",
        ExportVerifier.verify(earlier).head(), ExportVerifier.verify(later).head());
    comparison.explained().forEach(line -> out.println("ERASED: " + line));
    comparison.unexplained().forEach(line -> out.println("NOT EXPLAINED: " + line));
    comparison.added().forEach(line -> out.println("ADDED since: " + line));
    boolean fine = comparison.bothValid() && comparison.unexplained().isEmpty();
    out.println(fine ? "Both exports verify; every change is a recorded erasure."
        : "The exports differ in ways no erasure explains.");
    return fine ? 0 : 1;
  }
}
