package io.chefsache.intake;

import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Clear answers for the intake: problem+json with the failing fields, never a stack trace. */
@RestControllerAdvice(assignableTypes = MentionController.class)
class IntakeExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeExceptionHandler.class);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  @ExceptionHandler
  ProblemDetail invalid(InvalidMentionException e) {
    ProblemDetail problem = MentionController.problem(HttpStatus.BAD_REQUEST, "Invalid mention",
        e.problems().size() + " field(s) are invalid");
    problem.setProperty("errors", e.problems());
    return problem;
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> unsigned(WebhookVerifier.InvalidSignatureException e) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .body(MentionController.problem(HttpStatus.UNAUTHORIZED, "Invalid webhook signature", e.getMessage()));
  }

  @ExceptionHandler
  ProblemDetail tooLarge(MentionController.PayloadTooLargeException e) {
    return MentionController.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Mention too large", e.getMessage());
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> notReady(MentionController.NotReadyException e) {
    return unavailable(MentionController.problem(HttpStatus.SERVICE_UNAVAILABLE, "Not ready",
        "Chefsache is starting or stopping; the mention was not stored, deliver it again later"));
  }

  @ExceptionHandler({CannotCreateTransactionException.class, CannotGetJdbcConnectionException.class,
      DataAccessResourceFailureException.class})
  ResponseEntity<ProblemDetail> databaseDown(Exception e) {
    LOG.warn("Mention refused, database unavailable: {}", e.getMessage());
    return unavailable(MentionController.problem(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
        "The mention was not stored; deliver it again later"));
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> notWritten(DurableAcknowledgement.DatabaseNotWrittenException e) {
    LOG.warn("Mention not confirmed: {}", e.getMessage());
    return unavailable(MentionController.problem(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
        "The database did not confirm the mention in time; deliver it again (a copy already stored is answered "
            + "as a duplicate)"));
  }

  private static ResponseEntity<ProblemDetail> unavailable(ProblemDetail problem) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
        .body(problem);
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> engine(ProcessEngineException e) {
    if (causedByUnavailableDatabase(e)) {
      return databaseDown(e);
    }
    LOG.error("Mention could not be filed", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(MentionController.problem(HttpStatus.INTERNAL_SERVER_ERROR, "Mention not stored",
            "The mention was not stored; deliver it again later"));
  }

  private static boolean causedByUnavailableDatabase(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException || t instanceof CannotGetJdbcConnectionException) {
        return true;
      }
    }
    return false;
  }
}
