package io.chefsache.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Incidents", description = "Read-only view for integrators (HTTP Basic, Camunda users and authorizations)")
@SecurityRequirement(name = "basic")
class IncidentController {

  private final IncidentQueries queries;

  IncidentController(IncidentQueries queries) {
    this.queries = queries;
  }

  @Operation(summary = "List incidents, newest first")
  @GetMapping("/api/incidents")
  IncidentQueries.Page list(
      @Parameter(description = "0 observe, 1 crew, 2 management, 3 crisis") @RequestParam(required = false)
      @Min(0) @Max(3) Integer level,
      @Parameter(description = "open or closed") @RequestParam(required = false)
      @Pattern(regexp = "open|closed", message = "must be open or closed") String status,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    return queries.list(level, status, page, size);
  }

  /**
   * The key is the rest of the path: it is {@code platform:threadId}, and thread ids may contain
   * slashes, which the web server refuses encoded ({@code %2F}).
   */
  @Operation(summary = "One incident: level, status, figures and open tasks")
  @GetMapping("/api/incidents/{*incidentKey}")
  ResponseEntity<?> get(@Parameter(description = "platform:threadId; the thread id's slashes stay slashes")
      @PathVariable("incidentKey") String path) {
    String incidentKey = path.substring(1);
    return queries.find(incidentKey)
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
            HttpStatus.NOT_FOUND, "No incident " + incidentKey + " that you may read")));
  }
}
