package io.chefsache.notify;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An outbound call runs inside a job and must end before the job's lock does (issue 18, item 2). */
class HttpDeliveryTest {

  private static final long JOB_LOCK_MILLIS = 20_000;

  @Test
  void theDefaultTimeoutsFitTheJobLock() {
    assertThatCode(() -> new HttpDelivery(timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10)), new ObjectMapper(),
        JOB_LOCK_MILLIS)).doesNotThrowAnyException();
  }

  @Test
  void timeoutsThatOutlastTheJobLockStopTheStart() {
    assertThatThrownBy(() -> new HttpDelivery(timeouts(Duration.ofSeconds(5), Duration.ofSeconds(15)),
        new ObjectMapper(), JOB_LOCK_MILLIS))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("lock-time-in-millis");
  }

  private static OutboundProperties timeouts(Duration connect, Duration response) {
    return new OutboundProperties(URI.create("http://localhost:8080"), connect, response, "R3/PT1M", Map.of(), Map.of());
  }
}
