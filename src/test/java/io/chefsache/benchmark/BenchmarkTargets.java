package io.chefsache.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The targets a benchmark run must meet, each measured within that run (a ratio of two rows run back
 * to back where the machine's speed would otherwise decide), printed as a table; a missed target
 * fails the run with the table in its message.
 */
final class BenchmarkTargets {

  /** One target: {@code measured} must be at least (or at most) {@code limit}. */
  record Target(String name, double measured, boolean atLeast, double limit, String unit) {

    boolean met() {
      return atLeast ? measured >= limit : measured <= limit;
    }

    String line() {
      return String.format("%-58s %10.2f %-4s %s %8.2f %-4s %s", name, measured, unit, atLeast ? ">=" : "<=", limit,
          unit, met() ? "met" : "MISSED");
    }
  }

  private final String benchmark;
  private final List<Target> targets = new ArrayList<>();

  BenchmarkTargets(String benchmark) {
    this.benchmark = benchmark;
  }

  BenchmarkTargets atLeast(String name, double measured, double minimum, String unit) {
    targets.add(new Target(name, measured, true, minimum, unit));
    return this;
  }

  BenchmarkTargets atMost(String name, double measured, double maximum, String unit) {
    targets.add(new Target(name, measured, false, maximum, unit));
    return this;
  }

  String table() {
    StringBuilder table = new StringBuilder("=== targets of " + benchmark + " ===\n");
    targets.forEach(target -> table.append(target.line()).append('\n'));
    return table.toString();
  }

  /** Prints the table; fails if any target was missed. */
  void check() {
    String table = table();
    System.out.println(table);
    List<String> missed = targets.stream().filter(target -> !target.met()).map(Target::name).toList();
    if (!missed.isEmpty()) {
      throw new AssertionError(benchmark + " missed " + String.join(", ", missed) + "\n" + table);
    }
  }
}
