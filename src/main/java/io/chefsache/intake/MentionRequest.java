package io.chefsache.intake;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A mention as social listening tools and platform webhooks deliver it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "One mention (post, comment, reply) of the company on a social platform")
record MentionRequest(
    @Schema(example = "facebook", requiredMode = Schema.RequiredMode.REQUIRED)
    @NotNull @Pattern(regexp = "[a-z0-9-]{1,32}", message = "must be 1 to 32 of a-z, 0-9 and -") String platform,
    @Schema(example = "fb-123", requiredMode = Schema.RequiredMode.REQUIRED)
    @NotBlank @Size(max = 128) @Pattern(regexp = ADDRESSABLE, message = ADDRESSABLE_MESSAGE) String externalId,
    @Schema(example = "post-987", description = "The conversation; defaults to externalId")
    @Size(max = 128) @Pattern(regexp = ADDRESSABLE, message = ADDRESSABLE_MESSAGE) String threadId,
    @Valid Author author,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
    @NotNull @Size(max = 10_000)
    @Pattern(regexp = "(?s).*[^\\s\\p{Z}\\p{Cf}].*", message = "must contain more than white space")
    @Pattern(regexp = "[^\\x00]*+", message = "must not contain the NUL character") String text,
    @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
    @Schema(example = "2026-03-12T08:00:00.000Z", description = "ISO-8601 with offset",
        requiredMode = Schema.RequiredMode.REQUIRED)
    @NotBlank String createdAt,
    @Schema(description = "-1 (negative) … 1 (positive); absent means unknown, not neutral")
    @DecimalMin("-1.0") @DecimalMax("1.0") Double sentiment,
    @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be 1 to 64 of a-z, 0-9 and -")
        String> topics,
    @Schema(example = "ebike-fork-2026-03", description = "The story this mention belongs to, if the listening tool "
        + "knows it: threads with the same story form one situation (see DMN SituationGrouping)")
    @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "must be 1 to 128 of A-Z, a-z, 0-9 and . _ : -")
        String storyId,
    @Schema(example = "de", description = "The mention's language as the listening tool detected it (a language tag "
        + "such as de or en-GB); absent: Chefsache detects it. The crew's reply template is in this language.")
    @Size(max = 35) @Pattern(regexp = "[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,8}", message = "must be a language tag such as "
        + "de or en-GB") String language) {

  /**
   * An id that stays one path segment of {@code /api/incidents/{platform}:{thread}}: no control
   * characters (PostgreSQL refuses NUL), and no {@code .} or {@code ..} segment, which a web server
   * resolves away.
   */
  static final String ADDRESSABLE = "(?!(.*/)?\\.{1,2}(/.*)?$)[^\\p{Cc}]*";
  static final String ADDRESSABLE_MESSAGE = "must not contain control characters or . and .. path segments";

  /**
   * A handle names a person on the audit pages and in exports: control characters and the Unicode
   * characters that turn text around ("@a\u202Egnp.exe" reads "@aexe.png") are refused.
   */
  record Author(@Size(max = 200) @Pattern(regexp = "[^\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069]*+",
      message = "must not contain control or text-direction characters")
      String handle, @PositiveOrZero Long followers, Boolean verified) {
  }

  String thread() {
    return threadId == null || threadId.isBlank() ? externalId : threadId;
  }

  List<String> topicList() {
    return topics == null ? List.of() : topics;
  }
}
