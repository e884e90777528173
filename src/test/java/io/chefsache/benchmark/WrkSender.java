package io.chefsache.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a burst with wrk (Debian package {@code wrk}), a load generator written in C, from another
 * process: what the intake sustains when its sender is not in its own JVM, as in production. Every
 * mention is signed beforehand and sent once; wrk is stopped with SIGINT (it then prints its
 * latency distribution) when the caller has seen all of them stored.
 */
final class WrkSender {

  private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.0+)?%\\s+([\\d.]+)(us|ms|s)\\s*$",
      Pattern.MULTILINE);

  record Result(long p50Micros, long p99Micros, long failed) {
  }

  interface Completion {
    void await() throws Exception;
  }

  /** Whether a {@code wrk} command can be started (it answers {@code --version} with its usage). */
  static boolean installed() {
    try {
      new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor();
      return true;
    } catch (IOException | InterruptedException notThere) {
      return false;
    }
  }

  static Result send(URI baseUri, List<PresignedSender.Signed> mentions, int connections, Completion allStored)
      throws Exception {
    Path requests = Files.createTempFile("chefsache-burst", ".tsv");
    Path script = Files.createTempFile("chefsache-burst", ".lua");
    try (InputStream lua = WrkSender.class.getResourceAsStream("/benchmark/burst.lua")) {
      Files.write(script, lua.readAllBytes());
      Files.write(requests, mentions.stream().map(m -> String.join("\t", m.webhookId(), m.timestamp(),
          m.signature(), new String(m.body(), StandardCharsets.UTF_8))).toList());
      int threads = 2;
      Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d600s", "--latency",
          "-s", script.toString(), baseUri.toString(), "--", requests.toString(), Integer.toString(threads))
          .redirectErrorStream(true).start();
      allStored.await();
      new ProcessBuilder("kill", "-INT", Long.toString(wrk.pid())).start().waitFor();
      String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      wrk.waitFor();
      long p50 = 0;
      long p99 = 0;
      Matcher percentile = PERCENTILE.matcher(output);
      while (percentile.find()) {
        double value = Double.parseDouble(percentile.group(2));
        long micros = (long) switch (percentile.group(3)) {
          case "us" -> value;
          case "ms" -> value * 1_000;
          default -> value * 1_000_000;
        };
        if (percentile.group(1).equals("50")) {
          p50 = micros;
        } else {
          p99 = micros;
        }
      }
      long failed = output.lines().filter(line -> line.startsWith("failed ")).count();
      return new Result(p50, p99, failed);
    } finally {
      Files.deleteIfExists(requests);
      Files.deleteIfExists(script);
    }
  }

  private WrkSender() {
  }
}
