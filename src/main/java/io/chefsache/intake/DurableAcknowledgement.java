package io.chefsache.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A mention is answered only once its commit is in the database file, so that a crash of the process
 * loses nothing the sender was told is stored.
 *
 * <p>PostgreSQL writes a commit to its log before the commit returns: nothing waits here. H2 keeps
 * commits in memory and writes them to its file in the background (every {@code WRITE_DELAY} ms):
 * there a mention waits for a {@code CHECKPOINT} that began after its commit. One thread runs the
 * checkpoints, and every mention committed meanwhile waits for the same one (group commit): the file
 * is written some dozen times a second instead of once per commit, and H2 goes on compacting it in
 * the background. With {@code WRITE_DELAY=0} instead (a write per commit) H2 compacts nothing while it
 * runs: its file grew by about 220 KB per mention in a sustained shitstorm.
 */
@Component
class DurableAcknowledgement implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(DurableAcknowledgement.class);
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final DataSource dataSource;
  private final Thread writer;
  private long requested;
  private long written;
  private long failedThrough;
  private boolean stopped;

  DurableAcknowledgement(DataSource dataSource, @Value("${spring.datasource.url:}") String url) {
    this.dataSource = dataSource;
    // every H2 database that is not in memory: jdbc:h2:file:…, jdbc:h2:/path, jdbc:h2:~/…, jdbc:h2:tcp://…
    if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")) {
      writer = new Thread(this::writeCheckpoints, "h2-checkpoints");
      writer.setDaemon(true);
      writer.start();
    } else {
      writer = null;
    }
  }

  /** Returns once everything this thread committed is in the database file. */
  void awaitWritten() {
    if (writer == null) {
      return;
    }
    long deadline = System.nanoTime() + WAIT_NANOS;
    synchronized (this) {
      long ticket = ++requested;
      notifyAll();
      while (written < ticket) {
        long left = deadline - System.nanoTime();
        if (failedThrough >= ticket || left <= 0 || stopped) {
          throw new DatabaseNotWrittenException();
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new DatabaseNotWrittenException();
        }
      }
    }
  }

  private void writeCheckpoints() {
    while (true) {
      long upTo;
      synchronized (this) {
        while (requested == written && !stopped) {
          try {
            wait();
          } catch (InterruptedException interrupted) {
            return;
          }
        }
        if (stopped) {
          return;
        }
        upTo = requested;
      }
      try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
        statement.execute("CHECKPOINT");
        synchronized (this) {
          written = upTo;
          notifyAll();
        }
      } catch (SQLException failed) {
        LOG.warn("H2 did not write its file: {}", failed.getMessage());
        synchronized (this) {
          failedThrough = upTo;
          notifyAll();
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void destroy() {
    synchronized (this) {
      stopped = true;
      notifyAll();
    }
  }

  /** The database did not confirm the write in time: the sender delivers again (503), and a duplicate is found. */
  static final class DatabaseNotWrittenException extends RuntimeException {

    DatabaseNotWrittenException() {
      super("The database did not write the mention to its file in time");
    }
  }
}
