package io.chefsache.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An administrator erases one author's personal data on request (GDPR Art. 17), with HTTP Basic and
 * their Camunda login; only members of {@code camunda-admin} may.
 */
@RestController
@Tag(name = "Erasure", description = "An author's personal data erased on request (GDPR Art. 17)")
@SecurityRequirement(name = "basic")
class ErasureController {

  private final AuthorErasure erasure;
  private final IdentityService identity;

  ErasureController(AuthorErasure erasure, IdentityService identity) {
    this.erasure = erasure;
    this.identity = identity;
  }

  /** Whose data to erase (their handle as the mentions carry it, e.g. {@code @kunde}) and why. */
  record ErasureRequest(
      @NotBlank @Size(max = 200)
      @Pattern(regexp = "\\s*\\S{3,}\\s*", message = "must be one handle of at least 3 characters, e.g. @kunde")
      String author,
      @NotBlank @Size(max = 500) String reason) {
  }

  @Operation(summary = "Erase an author's mention texts, links and handle everywhere Chefsache keeps them")
  @PostMapping("/api/erasures")
  ResponseEntity<?> erase(@Valid @RequestBody ErasureRequest request) {
    var user = identity.getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
          "Only administrators (camunda-admin) erase personal data"));
    }
    if (request.reason().toLowerCase(Locale.ROOT).contains(request.author().strip().toLowerCase(Locale.ROOT))) {
      // the reason is kept with the pseudonym: naming the author there would undo the erasure
      return ResponseEntity.badRequest().body(fieldError("reason",
          "must not name the author: it is kept with the pseudonym; say why without the handle"));
    }
    String author = request.author().strip();
    return erasure.erase(author, user.getUserId(), request.reason().strip())
        .<ResponseEntity<?>>map(erased -> ResponseEntity.ok(Map.of("id", erased.id(),
            "pseudonym", erased.pseudonym(), "mentions", erased.mentions(), "incidents", erased.incidents())))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
            HttpStatus.NOT_FOUND, "No mention by " + author + " is stored: nothing was erased. Handles are compared "
                + "exactly as the platform writes them (with @, upper and lower case as in the mention).")));
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException invalid) {
    return ResponseEntity.badRequest().body(problem(invalid.getBindingResult().getFieldErrors().stream()
        .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
        .toList()));
  }

  private static ProblemDetail fieldError(String field, String message) {
    return problem(List.of(Map.of("field", field, "message", message)));
  }

  private static ProblemDetail problem(List<Map<String, String>> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid erasure request");
    problem.setProperty("errors", errors);
    return problem;
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable() {
    return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The body must be JSON: {\"author\": \"@handle\", \"reason\": \"…\"}"));
  }
}
