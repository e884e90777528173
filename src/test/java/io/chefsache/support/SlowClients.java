package io.chefsache.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Clients on slow or hostile connections: each opens a connection, sends the headers of a POST with a
 * large body and then trickles the body, one byte per {@code interval}: never silent long enough for
 * a read timeout, never done. Closing them ends their requests.
 */
public final class SlowClients implements AutoCloseable {

  private static final int BODY_BYTES = 60_000;

  private final List<Socket> sockets = new ArrayList<>();
  private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

  private SlowClients() {
  }

  /** {@code count} connections to {@code path} on localhost's {@code port}, all trickling. */
  public static SlowClients open(int port, String path, int count, Duration interval) throws IOException {
    var clients = new SlowClients();
    try {
      for (int i = 0; i < count; i++) {
        var socket = new Socket();
        clients.sockets.add(socket);
        socket.connect(new InetSocketAddress("localhost", port), 5_000);
        socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + BODY_BYTES + "\r\n\r\n{")
            .getBytes(StandardCharsets.US_ASCII));
      }
    } catch (IOException | RuntimeException failed) {
      clients.close();
      throw failed;
    }
    clients.trickle.scheduleWithFixedDelay(clients::sendOneByteEach, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return clients;
  }

  private void sendOneByteEach() {
    for (Socket socket : sockets) {
      try {
        OutputStream out = socket.getOutputStream();
        out.write(' ');
        out.flush();
      } catch (IOException closedByTheServer) {
        // the server may end a connection; the others keep trickling
      }
    }
  }

  public int count() {
    return sockets.size();
  }

  @Override
  public void close() {
    trickle.shutdownNow();
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
