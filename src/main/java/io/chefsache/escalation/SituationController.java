package io.chefsache.escalation;

import io.chefsache.security.Roles;
import io.chefsache.security.SystemUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Answer all open threads of this situation with the line", for the crew and management outside
 * Tasklist (HTTP Basic with their Camunda login). Running it again publishes nothing twice.
 */
@RestController
@Tag(name = "Situations", description = "The threads of one story, handled as one case")
@SecurityRequirement(name = "basic")
class SituationController {

  private static final List<String> MAY_ANSWER = List.of(Roles.CREW, Roles.MANAGEMENT);

  private final Situations situations;
  private final SituationStore store;
  private final IdentityService identityService;
  private final SystemUser systemUser;

  SituationController(Situations situations, SituationStore store, IdentityService identityService,
      SystemUser systemUser) {
    this.situations = situations;
    this.store = store;
    this.identityService = identityService;
    this.systemUser = systemUser;
  }

  @Operation(summary = "Answer every thread of the situation whose crew task is still open with the line")
  @PostMapping("/api/situations/{situationKey}/answer-all")
  ResponseEntity<?> answerAll(@PathVariable String situationKey) {
    var user = identityService.getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || user.getGroupIds().stream().noneMatch(MAY_ANSWER::contains)) {
      return problem(HttpStatus.FORBIDDEN, "Only the social-media crew and management answer threads");
    }
    if (!store.exists(situationKey)) {
      return problem(HttpStatus.NOT_FOUND, "No situation " + situationKey);
    }
    try {
      int answered = systemUser.call(() -> situations.answerAll(situationKey, user.getUserId()));
      return ResponseEntity.ok(Map.of("situationKey", situationKey, "threadsAnswered", answered));
    } catch (Situations.LineNotSetException noLine) {
      return problem(HttpStatus.CONFLICT, noLine.getMessage());
    } catch (ProcessEngineException busy) {
      // threads answered so far stay answered, once each: asking again answers the rest
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2")
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
              "Some threads of " + situationKey + " are being answered by someone else right now; ask again"));
    }
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
