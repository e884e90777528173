package io.chefsache.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.util.UriUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Replays a JSONL file of mentions against a running Chefsache: signed like a webhook sender,
 * timestamps shifted to now, at a chosen speed, with a progress bar and a summary. The demo of the
 * product: {@code mvn -q compile exec:java -Dexec.args="--speed 60"}.
 */
public final class ReplayCommand {

  /** The webhook secret of the demo profile (application-demo.yaml); never valid elsewhere. */
  public static final String DEMO_SECRET = "whsec_Y2hlZnNhY2hlLWRlbW8tc2VjcmV0LTAxMjM0NTY3ODk=";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] LEVELS = {"observe", "crew", "management", "crisis"};

  /** What a replay did. {@code levels}: incidents touched by the replay, per level (-1: not triaged yet). */
  public record Summary(int sent, int accepted, int duplicates, Map<Integer, Integer> errors,
      Map<Integer, Integer> levels, Duration took) {
  }

  record Options(Path file, URI url, String secret, double speed, int senders, String user, String password,
      Duration settle) {

    static Options parse(String... args) {
      Arguments given = new Arguments();
      new CommandLine(given).parseArgs(args);
      return given.options();
    }
  }

  /** The command line, as picocli reads it and prints it for {@code --help} or a wrong option. */
  @Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Replays a JSONL file of mentions against a running Chefsache, signed like a webhook sender.")
  static final class Arguments {

    @Option(names = "--file", defaultValue = "src/test/resources/sample-shitstorm.jsonl",
        description = "mentions, one JSON object per line (default: ${DEFAULT-VALUE})")
    Path file;
    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "Chefsache (default: ${DEFAULT-VALUE})")
    URI url;
    @Option(names = "--speed", defaultValue = "60",
        description = "times faster than the mentions were posted; 0: as fast as possible (default: ${DEFAULT-VALUE})")
    double speed;
    @Option(names = "--senders", defaultValue = "8", description = "concurrent senders (default: ${DEFAULT-VALUE})")
    int senders;
    @Option(names = "--secret", defaultValue = "${env:CHEFSACHE_REPLAY_SECRET:-" + DEMO_SECRET + "}",
        description = "the webhook secret (default: CHEFSACHE_REPLAY_SECRET, else the demo's)")
    String secret;
    @Option(names = "--user", defaultValue = "admin", description = "for the summary's levels (default: ${DEFAULT-VALUE})")
    String user;
    @Option(names = "--password", defaultValue = "demo", description = "of that user (default: ${DEFAULT-VALUE})")
    String password;
    @Option(names = "--settle", defaultValue = "3",
        description = "seconds to wait for the last triage before the summary (default: ${DEFAULT-VALUE})")
    long settleSeconds;

    Options options() {
      return new Options(file, url, secret, speed, senders, user, password, Duration.ofSeconds(settleSeconds));
    }
  }

  private ReplayCommand() {
  }

  public static void main(String[] args) throws Exception {
    Arguments arguments = new Arguments();
    CommandLine command = new CommandLine(arguments);
    try {
      command.parseArgs(args);
    } catch (CommandLine.ParameterException wrong) {
      System.err.println("replay: " + wrong.getMessage());
      command.usage(System.err);
      System.exit(2);
      return;
    }
    if (command.isUsageHelpRequested() || command.isVersionHelpRequested()) {
      command.usage(System.out);
      return;
    }
    Summary summary = run(arguments.options(), System.out, System.err);
    System.exit(summary.errors().isEmpty() ? 0 : 1);
  }

  /** Replays the file and prints a progress bar to {@code progress} and the summary to {@code out}. */
  public static Summary run(Options options, PrintStream out, PrintStream progress)
      throws IOException, InterruptedException {
    List<ObjectNode> mentions = new ArrayList<>();
    for (String line : Files.readAllLines(options.file(), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        mentions.add((ObjectNode) JSON.readTree(line));
      }
    }
    mentions.sort((a, b) -> a.path("createdAt").asText().compareTo(b.path("createdAt").asText()));
    Instant firstPosted = Instant.parse(mentions.get(0).get("createdAt").asText());
    var sender = new SignedMentionSender(options.url(), options.secret());
    ExecutorService pool = Executors.newFixedThreadPool(options.senders());
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    Map<Integer, Integer> errors = new ConcurrentHashMap<>();
    Set<String> incidents = ConcurrentHashMap.newKeySet();
    Instant start = Instant.now();
    for (ObjectNode mention : mentions) {
      Duration sincePosted = Duration.between(firstPosted, Instant.parse(mention.get("createdAt").asText()));
      Instant due = options.speed() <= 0 ? start
          : start.plusNanos((long) (sincePosted.toNanos() / options.speed()));
      long wait = Duration.between(Instant.now(), due).toMillis();
      if (wait > 0) {
        Thread.sleep(wait);
      }
      mention.put("createdAt", Instant.now().toString());
      String json = mention.toString();
      pool.submit(() -> {
        try {
          var response = sender.send(json);
          switch (response.status()) {
            case 202 -> accepted.incrementAndGet();
            case 200 -> duplicates.incrementAndGet();
            default -> errors.merge(response.status(), 1, Integer::sum);
          }
          if (response.status() == 200 || response.status() == 202) {
            incidents.add(JSON.readTree(response.body()).get("incidentKey").asText());
          }
        } catch (IOException e) {
          errors.merge(-1, 1, Integer::sum);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        bar(progress, sent.incrementAndGet(), mentions.size(), accepted.get(), duplicates.get(), errors);
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    Duration took = Duration.between(start, Instant.now());
    progress.println();
    Thread.sleep(options.settle().toMillis());
    Map<Integer, Integer> levels = levels(options, incidents);
    var summary = new Summary(sent.get(), accepted.get(), duplicates.get(), Map.copyOf(errors), levels, took);
    print(out, options.file(), summary);
    return summary;
  }

  private static synchronized void bar(PrintStream progress, int done, int total, int accepted, int duplicates,
      Map<Integer, Integer> errors) {
    if (done % Math.max(1, total / 100) != 0 && done != total) {
      return;
    }
    int width = 40;
    int filled = (int) ((long) width * done / total);
    int errorCount = errors.values().stream().mapToInt(Integer::intValue).sum();
    progress.printf("\r[%s%s] %d/%d sent, %d accepted, %d duplicates, %d errors", "#".repeat(filled),
        ".".repeat(width - filled), done, total, accepted, duplicates, errorCount);
    progress.flush();
  }

  /** The level of every incident the replay touched, from the incident API. */
  private static Map<Integer, Integer> levels(Options options, Set<String> incidents) throws InterruptedException {
    Map<Integer, Integer> levels = new TreeMap<>();
    HttpClient http = HttpClient.newHttpClient();
    String auth = "Basic " + Base64.getEncoder()
        .encodeToString((options.user() + ":" + options.password()).getBytes(StandardCharsets.UTF_8));
    for (String key : incidents) {
      int level = -1;
      try {
        var response = http.send(HttpRequest.newBuilder(options.url().resolve("/api/incidents/"
                + UriUtils.encode(key, StandardCharsets.UTF_8).replace("%2F", "/")))
            .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode incident = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        if (incident != null && incident.hasNonNull("level")) {
          level = incident.get("level").asInt();
        }
      } catch (IOException e) {
        level = -1;
      }
      levels.merge(level, 1, Integer::sum);
    }
    return levels;
  }

  private static void print(PrintStream out, Path file, Summary summary) {
    double seconds = Math.max(summary.took().toMillis(), 1) / 1000.0;
    out.printf("Replayed %s: %d sent in %.1f s (%.0f/s)%n", file.getFileName(), summary.sent(), seconds,
        summary.sent() / seconds);
    out.printf("  accepted    %6d%n  duplicates  %6d%n  errors      %6d %s%n", summary.accepted(),
        summary.duplicates(), summary.errors().values().stream().mapToInt(Integer::intValue).sum(),
        summary.errors().isEmpty() ? "" : summary.errors() + " (by HTTP status, -1: no answer)");
    out.printf("Incidents touched: %d%n", summary.levels().values().stream().mapToInt(Integer::intValue).sum());
    for (int level = 3; level >= -1; level--) {
      Integer count = summary.levels().get(level);
      if (count != null) {
        out.printf("  %-20s %5d%n", level < 0 ? "not triaged / hidden" : "level " + level + " " + LEVELS[level], count);
      }
    }
  }
}
