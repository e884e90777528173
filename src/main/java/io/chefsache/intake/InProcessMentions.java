package io.chefsache.intake;

import org.springframework.stereotype.Service;

/**
 * Mentions handed over inside the application rather than over the webhook: the demo's sample
 * incidents. The body is read and validated exactly like a webhook's, and {@link MentionIntake}
 * stores and files it as it does every mention: exactly once per (platform, externalId) and per
 * delivery id, the first of a thread opens its incident, the others reach the process through the
 * re-triage. There is no signature to check, as no request crossed a network, and no sender waits
 * for the commit to reach the database file ({@link DurableAcknowledgement}). Nothing outside the
 * application reaches this; the webhook's checks stay as they are.
 */
@Service
public class InProcessMentions {

  /** Where a mention was filed, and whether it had been stored before (then nothing changed). */
  public record Delivered(String incidentKey, boolean duplicate) {
  }

  private final MentionReader reader;
  private final MentionIntake intake;

  InProcessMentions(MentionReader reader, MentionIntake intake) {
    this.reader = reader;
    this.intake = intake;
  }

  /**
   * Stores one mention (committed when this returns) and opens or joins its incident.
   *
   * @param deliveryId stands for the webhook-id: unique per delivery, at most 255 characters
   * @param body the mention as JSON, as a listening tool would send it
   * @throws RuntimeException if the body is not a valid mention (listing every failing field), as the webhook
   *     would answer 400
   */
  public Delivered deliver(String deliveryId, byte[] body) {
    if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 255) {
      throw new IllegalArgumentException("deliveryId must be 1 to 255 characters");
    }
    MentionReader.ReadMention mention = reader.read(body);
    MentionIntake.Acceptance acceptance = intake.accept(mention.request(), mention.createdAt(), deliveryId, body);
    return new Delivered(acceptance.incidentKey(), acceptance.duplicate());
  }
}
