package io.chefsache.audit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many period exports run at once on this node (issue 18, item 8). Each holds one database
 * connection while it is written; the limit stays well below the connection pool, so that exports
 * never starve the intake and Tasklist. One more export is refused at once, never queued: the
 * auditor is told to come back after {@link #RETRY_AFTER}.
 */
@Component
class ExportPermits {

  static final Duration RETRY_AFTER = Duration.ofSeconds(10);

  private final Semaphore permits;

  ExportPermits(@Value("${chefsache.audit.concurrent-exports}") int concurrentExports) {
    this.permits = new Semaphore(concurrentExports);
  }

  /** A permit to close when the export is done, or empty if as many exports as allowed are running. */
  Optional<Permit> tryAcquire() {
    return permits.tryAcquire() ? Optional.of(permits::release) : Optional.empty();
  }

  /** A running export's place; closing it frees the place. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }
}
