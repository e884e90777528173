package io.chefsache.intake;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Turns the verified raw body into a mention, or says precisely what is wrong with it. */
@Component
class MentionReader {

  record ReadMention(MentionRequest request, Instant createdAt) {
  }

  private final ObjectReader mentions;
  private final Validator validator;

  MentionReader(ObjectMapper objectMapper, Validator validator) {
    this.mentions = objectMapper.readerFor(MentionRequest.class);
    this.validator = validator;
  }

  ReadMention read(byte[] body) {
    MentionRequest request;
    try {
      request = mentions.readValue(body);
    } catch (JsonMappingException e) {
      String field = e.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      throw invalid(field.isEmpty() ? "body" : field, "is not valid JSON of the expected type");
    } catch (java.io.IOException e) {
      throw invalid("body", "is not valid JSON");
    }
    if (request == null) {
      throw invalid("body", "must be a JSON object");
    }
    List<InvalidMentionException.FieldProblem> problems = new ArrayList<>();
    for (ConstraintViolation<MentionRequest> violation : validator.validate(request)) {
      problems.add(new InvalidMentionException.FieldProblem(
          violation.getPropertyPath().toString().replaceAll("<list element>", "").replaceAll("\\.$", ""),
          violation.getMessage()));
    }
    Instant createdAt = null;
    if (request.createdAt() != null && !request.createdAt().isBlank()) {
      try {
        createdAt = OffsetDateTime.parse(request.createdAt()).toInstant();
      } catch (DateTimeParseException e) {
        problems.add(new InvalidMentionException.FieldProblem("createdAt",
            "must be an ISO-8601 date-time with offset, e.g. 2026-03-12T08:00:00.000Z"));
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing(InvalidMentionException.FieldProblem::field));
      throw new InvalidMentionException(problems);
    }
    return new ReadMention(request, createdAt);
  }

  private static InvalidMentionException invalid(String field, String message) {
    return new InvalidMentionException(List.of(new InvalidMentionException.FieldProblem(field, message)));
  }
}
