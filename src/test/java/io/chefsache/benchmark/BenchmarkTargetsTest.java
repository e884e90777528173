package io.chefsache.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A benchmark run fails on a missed target and says which; one that meets them all passes. */
class BenchmarkTargetsTest {

  @Test
  void anImpossibleTargetFailsTheRunAndIsNamed() {
    var targets = new BenchmarkTargets("intake").atLeast("burst vs naive", 42.0, 3.0, "x")
        .atLeast("opening vs raw engine", 0.83, 1_000.0, "x").atMost("mentions lost", 0, 0, "");

    assertThatThrownBy(targets::check).isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("intake missed opening vs raw engine\n")
        .hasMessageContaining("MISSED").hasMessageNotContaining("missed burst");
  }

  @Test
  void targetsThatHoldPassAndAreListed() {
    var targets = new BenchmarkTargets("audit").atMost("audit page p90", 137.8, 1_000, "ms")
        .atMost("mentions lost", 0, 0, "");

    assertThatCode(targets::check).doesNotThrowAnyException();
    assertThat(targets.table()).contains("audit page p90").contains("<=").doesNotContain("MISSED");
  }
}
