package io.chefsache.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Mentions", description = "Webhook for social listening tools and platforms")
class MentionController {

  private final MentionReader reader;
  private final WebhookVerifier verifier;
  private final MentionIntake intake;
  private final IntakeProperties properties;
  private final ApplicationAvailability availability;
  private final ObjectWriter acceptances;
  private final DurableAcknowledgement durability;

  MentionController(MentionReader reader, WebhookVerifier verifier, MentionIntake intake, IntakeProperties properties,
      ApplicationAvailability availability, ObjectMapper objectMapper, DurableAcknowledgement durability) {
    this.reader = reader;
    this.verifier = verifier;
    this.intake = intake;
    this.durability = durability;
    this.properties = properties;
    this.availability = availability;
    this.acceptances = objectMapper.writerFor(MentionIntake.Acceptance.class);
  }

  @Operation(summary = "Deliver one mention",
      description = "Signed with Standard Webhooks 1.0 (HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{raw body}`, "
          + "five minutes tolerance). Each mention is accepted exactly once per (platform, externalId) and per "
          + "webhook-id. The first mention of a thread (`platform:threadId`) opens an incident, later ones join it.",
      requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = MentionRequest.class))),
      parameters = {
          @Parameter(name = "webhook-id", in = ParameterIn.HEADER, required = true, description = "Unique per delivery"),
          @Parameter(name = "webhook-timestamp", in = ParameterIn.HEADER, required = true, description = "Unix seconds"),
          @Parameter(name = "webhook-signature", in = ParameterIn.HEADER, required = true,
              description = "`v1,<base64>`; several, space-separated, during a secret rotation")},
      responses = {
          @ApiResponse(responseCode = "202", description = "Stored (committed) and filed under its incident",
              content = @Content(mediaType = "application/json",
                  schema = @Schema(implementation = MentionIntake.Acceptance.class))),
          @ApiResponse(responseCode = "200", description = "Already stored before: no second effect; `duplicate: true`",
              content = @Content(mediaType = "application/json",
                  schema = @Schema(implementation = MentionIntake.Acceptance.class))),
          @ApiResponse(responseCode = "400", description = "Invalid mention; `errors` lists every failing field "
              + "(`body` if it is not JSON or not UTF-8)",
              content = @Content(mediaType = "application/problem+json")),
          @ApiResponse(responseCode = "401", description = "Missing, wrong or expired signature",
              content = @Content(mediaType = "application/problem+json")),
          @ApiResponse(responseCode = "413", description = "Body larger than 64 KiB",
              content = @Content(mediaType = "application/problem+json")),
          @ApiResponse(responseCode = "415", description = "Not application/json",
              content = @Content(mediaType = "application/problem+json")),
          @ApiResponse(responseCode = "503",
              description = "Database unavailable, or the application is starting or stopping: deliver again later",
              content = @Content(mediaType = "application/problem+json"))})
  @PostMapping(path = "/api/mentions", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
      throw new NotReadyException();
    }
    byte[] body = readBody(request);
    // read from the request, not as @RequestHeader arguments: Spring converts each of those through a
    // cache keyed by the parameter's annotations, compared reflectively on every request
    String webhookId = request.getHeader("webhook-id");
    verifier.verify(utf8(body), webhookId, request.getHeader("webhook-timestamp"),
        request.getHeader("webhook-signature"));
    if (webhookId.length() > 255) {
      throw new InvalidMentionException(List.of(
          new InvalidMentionException.FieldProblem("webhook-id", "must be at most 255 characters")));
    }
    MentionReader.ReadMention mention = reader.read(body);
    MentionIntake.Acceptance acceptance = intake.accept(mention.request(), mention.createdAt(), webhookId, body);
    durability.awaitWritten();
    // written here with its length rather than returned for Spring MVC to write: its return value
    // handling (content negotiation, a chunked body flushed in two writes) took a third of the CPU a
    // joining mention spends in this controller
    byte[] answer = acceptances.writeValueAsBytes(acceptance);
    response.setStatus(acceptance.duplicate() ? HttpStatus.OK.value() : HttpStatus.ACCEPTED.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(answer.length);
    response.getOutputStream().write(answer);
  }

  private byte[] readBody(HttpServletRequest request) throws IOException {
    int limit = properties.maxBodyBytes();
    if (request.getContentLengthLong() > limit) {
      throw new PayloadTooLargeException(limit);
    }
    byte[] body = request.getInputStream().readNBytes(limit + 1);
    if (body.length > limit) {
      throw new PayloadTooLargeException(limit);
    }
    return body;
  }

  /**
   * The signature covers the raw bytes, and the verifier checks it over text: bytes that are not
   * UTF-8 would be replaced in decoding, and a correctly signed body would look forged (401).
   */
  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidMentionException(List.of(new InvalidMentionException.FieldProblem("body", "is not valid UTF-8")));
    }
  }

  /**
   * Before the crisis plan is deployed (the web server accepts connections a moment earlier) and
   * while the application shuts down, nothing is stored: the sender delivers again.
   */
  static class NotReadyException extends RuntimeException {
    NotReadyException() {
      super("Chefsache is starting or stopping");
    }
  }

  static class PayloadTooLargeException extends RuntimeException {
    PayloadTooLargeException(int limit) {
      super("The body is larger than " + limit + " bytes");
    }
  }

  static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
