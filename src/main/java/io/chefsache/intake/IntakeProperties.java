package io.chefsache.intake;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The mention intake ({@code chefsache.intake.*}).
 *
 * @param webhookSecrets Standard Webhooks secrets ({@code whsec_…}); several during a rotation
 * @param maxBodyBytes largest accepted request body
 * @param retriageInterval how often new activity is handed to the incidents' processes
 * @param sweepInterval how often the re-triage looks at every incident with mentions not yet counted,
 *     not only at those this node stored mentions for
 */
@Validated
@ConfigurationProperties("chefsache.intake")
record IntakeProperties(
    @NotEmpty(message = "is not set: set CHEFSACHE_INTAKE_WEBHOOK_SECRETS to one or more whsec_… secrets")
    List<@Pattern(regexp = "whsec_[A-Za-z0-9+/=]{16,}", message = "must look like whsec_<base64>") String> webhookSecrets,
    @DefaultValue("65536") int maxBodyBytes,
    @DefaultValue("1s") Duration retriageInterval,
    @DefaultValue("5s") Duration sweepInterval) {
}
