package io.chefsache.intake;

import java.util.List;

/** The request is not a valid mention; lists every failing field. */
class InvalidMentionException extends RuntimeException {

  record FieldProblem(String field, String message) {
  }

  private final List<FieldProblem> problems;

  InvalidMentionException(List<FieldProblem> problems) {
    super(problems.toString());
    this.problems = List.copyOf(problems);
  }

  List<FieldProblem> problems() {
    return problems;
  }
}
