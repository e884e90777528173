package io.chefsache.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The mentions of the demo's sample incidents, as a listening tool would deliver them: one thread per
 * sample, oldest mention first. The shitstorm holds {@value #SHITSTORM_MENTIONS} mentions of the last
 * hour by many authors, {@value #SHITSTORM_NEGATIVE} of them negative; it began with a post of
 * {@code @velo_journal} (280,000 followers). Texts, authors and sentiments come from the lists below
 * with a fixed seed, so every start builds the same mentions; only their times follow the clock.
 */
final class DemoMentions {

  static final int SHITSTORM_MENTIONS = 240;
  static final int SHITSTORM_NEGATIVE = 160;
  private static final int SHITSTORM_MINUTES = 58;
  private static final long SEED = 19;
  private static final String COMPANY = "Fahrradwerk Elbe";

  record Author(String handle, long followers, boolean verified) {
  }

  /** One mention; {@code sentiment} null means the listening tool could not tell. */
  record Mention(String platform, String externalId, String threadId, Author author, String text, String url,
      Instant createdAt, Double sentiment, List<String> topics, String storyId) {

    /** The delivery id (webhook-id) the demo hands it over with: one per mention, so a restart is a duplicate. */
    String deliveryId() {
      return "demo-sample:" + platform + ":" + externalId;
    }

    /** The body a listening tool would send (the intake's mention contract). */
    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("platform", platform);
      json.put("externalId", externalId);
      json.put("threadId", threadId);
      json.put("author", Map.of("handle", author.handle(), "followers", author.followers(), "verified",
          author.verified()));
      json.put("text", text);
      json.put("url", url);
      json.put("createdAt", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
      if (sentiment != null) {
        json.put("sentiment", sentiment);
      }
      json.put("topics", topics);
      if (storyId != null) {
        json.put("storyId", storyId);
      }
      json.put("language", "de");
      return json;
    }
  }

  /** A sample incident: a thread and its mentions, the first of which opens it. */
  record Sample(String platform, String threadId, List<Mention> mentions) {

    String incidentKey() {
      return platform + ":" + threadId;
    }
  }

  private record Line(String text, List<String> topics) {
  }

  private static final List<String> SAFETY = List.of("product-safety");
  private static final List<String> SERVICE = List.of("customer-service");
  private static final List<String> BOTH = List.of("product-safety", "customer-service");
  private static final List<String> NONE = List.of();

  private static final List<Line> NEGATIVE = List.of(
      new Line("Meine Gabel knackt auch schon, Sicherheitsproblem?", SAFETY),
      new Line("Das ist gefährlich, ruft die Räder zurück!", SAFETY),
      new Line("Wenn die Gabel bei 25 km/h bricht, liegt man im Krankenhaus. Wo bleibt der Rückruf?", SAFETY),
      new Line("Hab mein E-Bike erst mal in den Keller gestellt, bis das geklärt ist.", SAFETY),
      new Line("Gleiches Modell, gleicher Riss an der Gabelkrone. Fotos hab ich.", SAFETY),
      new Line("Ich fahre damit jeden Morgen mein Kind in die Kita. Mir wird schlecht.", SAFETY),
      new Line("Gebrochene Gabeln sind kein Einzelfall, im Forum gibt es drei ähnliche Berichte.", SAFETY),
      new Line("Sicherheit scheint bei " + COMPANY + " keine Rolle zu spielen.", SAFETY),
      new Line("Meine Werkstatt sagt, so ein Riss kommt vom Material, nicht vom Fahren.", SAFETY),
      new Line("Selbst schuld? Ernsthaft? Das ist die Antwort auf eine gebrochene Gabel?", BOTH),
      new Line("Das Video ist eindeutig. Wer da noch von Fahrfehler spricht, hat es nicht angeschaut.", BOTH),
      new Line("Erst eine Gabel, die bricht, und dann den Kunden beschuldigen. Geht's noch?", BOTH),
      new Line("Unverschämte Antwort vom Support, so geht man nicht mit Kunden um.", SERVICE),
      new Line("Wie kann man Kunden so abkanzeln?", SERVICE),
      new Line("Seit zwei Wochen keine Antwort auf meine Garantieanfrage.", SERVICE),
      new Line("Erst verkaufen, dann abwimmeln. Kenne ich von denen.", SERVICE),
      new Line("Der Support hat mir auch schon mal die Schuld gegeben. Nie wieder.", SERVICE),
      new Line("Ich habe das geteilt. Leute, kauft da nichts mehr.", SERVICE),
      new Line("Nie wieder " + COMPANY + ". #boykott", SERVICE),
      new Line("Hotline: 40 Minuten Warteschleife, dann aufgelegt. Passt ins Bild.", SERVICE),
      new Line("Statt sich zu entschuldigen, wird der Kunde beschuldigt. Peinlich.", SERVICE),
      new Line("Habe gerade meine Bestellung storniert.", SERVICE),
      new Line("3.000 Euro für ein Rad und dann so ein Service?", SERVICE),
      new Line("@FahrradwerkElbe Wann äußert ihr euch endlich?", SERVICE),
      new Line("Mein Anwalt schaut sich meinen Fall jetzt auch an.", SERVICE));

  private static final List<Line> NEUTRAL = List.of(
      new Line("Hat jemand einen Link zum Originalvideo?", NONE),
      new Line("Welche Modelljahre betrifft das?", SAFETY),
      new Line("Gibt es schon eine Stellungnahme von " + COMPANY + "?", SERVICE),
      new Line("Abwarten, bis der Hersteller die Gabel untersucht hat.", NONE),
      new Line("Quelle? Ich sehe bisher nur einen Post.", NONE),
      new Line("Wo meldet man so etwas offiziell, beim Kraftfahrt-Bundesamt?", SAFETY),
      new Line("Betrifft das auch die Trekkingräder oder nur die E-Bikes?", SAFETY),
      new Line("Bin gespannt, was die Untersuchung ergibt.", NONE));

  private static final List<Line> POSITIVE = List.of(
      new Line("Fahre seit vier Jahren ein Rad von denen, nie Probleme gehabt.", NONE),
      new Line("Mir hat der Support damals schnell geholfen, vielleicht ein Einzelfall.", SERVICE),
      new Line("Erst mal ruhig bleiben, ein Video ist noch kein Gutachten.", NONE),
      new Line("Die Werkstatt in Hamburg war bei mir super hilfsbereit.", SERVICE),
      new Line("Ich vertraue der Marke weiterhin, aber das muss aufgeklärt werden.", SAFETY));

  private static final List<String> OPENINGS = List.of("", "", "", "Ehrlich jetzt? ", "Wow. ", "Leute! ",
      "Sorry, aber: ", "Und wieder: ", "Zum Mitschreiben: ");

  private static final List<String> ENDINGS = List.of("", "", "", " #FahrradwerkElbe", " 😡", " 🤬", " Unfassbar.",
      " #Rückruf");

  private static final Author VELO_JOURNAL = new Author("@velo_journal", 280_000, true);

  /** Regulars of the thread; the rest are one-time accounts. */
  private static final List<Author> REGULARS = List.of(
      new Author("@radwende_hh", 41_300, false), new Author("@bremsspur", 12_400, false),
      new Author("@gravel_greta", 8_950, false), new Author("@pendlerpaul", 2_310, false),
      new Author("@cargo_caro", 1_870, false), new Author("@schrauber_ben", 960, false),
      new Author("@tourenjule", 744, false), new Author("@kiezradler", 512, false),
      new Author("@e_bike_erwin", 388, false), new Author("@sattelfest", 207, false),
      new Author("@mtb_max", 131, false), new Author("@familie_rad", 96, false),
      new Author("@kunde_431", 340, false));

  private DemoMentions() {
  }

  /** The four samples, one per escalation level, with their mentions up to {@code now}. */
  static List<Sample> samples(Instant now) {
    return List.of(spam(now), openingHours(now), brokenFork(now), shitstorm(now));
  }

  /** Level 0: a bot's spam and two more of its kind. */
  private static Sample spam(Instant now) {
    Conversation thread = new Conversation("instagram", "demo-ig", "demo-spam", null, now);
    thread.add(12, new Author("@crypto_king_99", 153, false), "Follow me for free crypto 🚀🚀", 0.0, "spam");
    thread.add(9, new Author("@promo_queen_x", 88, false), "DM for promo", 0.0, "spam");
    thread.add(3, new Author("@verdiene_mehr24", 41, false), "Verdiene 5000€ am Tag von zu Hause! Klick hier", 0.1,
        "spam");
    return thread.sample();
  }

  /** Level 1: a customer's question and two who want to know the same. */
  private static Sample openingHours(Instant now) {
    Conversation thread = new Conversation("linkedin", "demo-li", "demo-opening-hours", null, now);
    thread.add(25, new Author("@fan12292", 171, false), "Habt ihr am Samstag geöffnet?", -0.2, "customer-service");
    thread.add(14, new Author("@pendlerpaul", 2_310, false), "Würde mich auch interessieren, auch am Sonntag?", 0.0,
        "customer-service");
    thread.add(6, new Author("@radlerin_kiel", 289, false),
        "Letzten Samstag stand ich um 14 Uhr vor verschlossener Tür.", -0.4, "customer-service");
    return thread.sample();
  }

  /** Level 2: a safety complaint of one customer, a situation (own story) with a few replies. */
  private static Sample brokenFork(Instant now) {
    Conversation thread = new Conversation("facebook", "demo-fb", "demo-broken-fork", "demo-broken-fork", now);
    Author customer = new Author("@kunde_431", 340, false);
    thread.add(47, customer,
        "Gabel am neuen E-Bike nach 3 Wochen gebrochen. Support meint, ich sei selbst schuld. Video anbei.", -0.7,
        "product-safety", "customer-service");
    thread.add(44, new Author("@bike_maria", 212, false), "Krass. Welches Modell ist das?", 0.0);
    thread.add(40, new Author("@tom_rad", 95, false), "Bei mir knackt die Gabel auch seit letzter Woche.", -0.5,
        "product-safety");
    thread.add(33, new Author("@schrauber_ben", 960, false),
        "Schick das Video direkt an den Hersteller, das ist ein Garantiefall!", -0.3, "customer-service");
    thread.add(27, new Author("@anja_faehrt", 77, false), "Unmöglich, dass der Support dir die Schuld gibt.", -0.6,
        "customer-service");
    thread.add(19, new Author("@ruhig_bleiben", 156, false),
        "Mit dem Support hatte ich bisher gute Erfahrungen, vielleicht ein Missverständnis?", 0.2,
        "customer-service");
    thread.add(11, new Author("@kettenfett", 63, false), "Fahr damit bloß nicht mehr!", -0.4, "product-safety");
    thread.add(4, customer, "Update: Der Support hat sich immer noch nicht gemeldet.", -0.6, "customer-service");
    return thread.sample();
  }

  /**
   * Level 3: {@code @velo_journal}'s post about the broken fork goes viral. Few mentions in the first
   * minutes, then more and more, then a little fewer; two of three negative.
   */
  private static Sample shitstorm(Instant now) {
    Random random = new Random(SEED);
    Conversation thread = new Conversation("x", "demo-x", "demo-shitstorm", "demo-velo-journal", now);
    thread.add(SHITSTORM_MINUTES, VELO_JOURNAL,
        "Krass, was hier abgeht: gebrochene Gabeln und dann frech zum Kunden. Das ist gefährlich!", -0.95,
        "product-safety", "customer-service");
    int replies = SHITSTORM_MENTIONS - 1;
    List<Boolean> negative = new ArrayList<>();
    for (int i = 0; i < replies; i++) {
      negative.add(i < SHITSTORM_NEGATIVE - 1);
    }
    Collections.shuffle(negative, random);
    List<Duration> ages = ages(replies, random);
    for (int i = 0; i < replies; i++) {
      Author author = random.nextInt(10) < 6 ? REGULARS.get(random.nextInt(REGULARS.size()))
          : new Author("@user" + (10_000 + random.nextInt(90_000)), 5 + random.nextInt(1_500), false);
      Line line;
      Double sentiment;
      String text;
      if (negative.get(i)) {
        line = NEGATIVE.get(random.nextInt(NEGATIVE.size()));
        sentiment = -round(0.3 + 0.6 * random.nextDouble());
        String opening = OPENINGS.get(random.nextInt(OPENINGS.size()));
        text = (random.nextInt(4) == 0 ? VELO_JOURNAL.handle() + " " : "")
            + (line.text().startsWith("@") ? line.text() : opening + line.text())
            + ENDINGS.get(random.nextInt(ENDINGS.size()));
      } else {
        boolean positive = random.nextInt(3) == 0;
        line = positive ? POSITIVE.get(random.nextInt(POSITIVE.size())) : NEUTRAL.get(random.nextInt(NEUTRAL.size()));
        if (positive) {
          sentiment = round(0.2 + 0.5 * random.nextDouble());
        } else {
          sentiment = random.nextInt(3) == 0 ? null : Double.valueOf(0.0);
        }
        text = line.text();
      }
      thread.add(ages.get(i), author, text, sentiment, line.topics().toArray(String[]::new));
    }
    return thread.sample();
  }

  /** How long ago each reply was posted, oldest first, along the shitstorm's curve. */
  private static List<Duration> ages(int count, Random random) {
    double[] weights = new double[SHITSTORM_MINUTES];
    double sum = 0;
    for (int minute = 0; minute < SHITSTORM_MINUTES; minute++) {
      weights[minute] = 0.4 + 10 / (1 + Math.exp(-(minute - 20) / 4.0)) - Math.max(0, minute - 42) * 0.3;
      sum += weights[minute];
    }
    int[] perMinute = new int[SHITSTORM_MINUTES];
    int assigned = 0;
    Integer[] byRemainder = new Integer[SHITSTORM_MINUTES];
    for (int minute = 0; minute < SHITSTORM_MINUTES; minute++) {
      perMinute[minute] = (int) Math.floor(count * weights[minute] / sum);
      assigned += perMinute[minute];
      byRemainder[minute] = minute;
    }
    double total = sum;
    Arrays.sort(byRemainder, Comparator.comparingDouble(
        (Integer minute) -> count * weights[minute] / total - perMinute[minute]).reversed());
    for (int i = 0; assigned < count; i++, assigned++) {
      perMinute[byRemainder[i]]++;
    }
    List<Duration> ages = new ArrayList<>();
    for (int minute = 0; minute < SHITSTORM_MINUTES; minute++) {
      List<Duration> inMinute = new ArrayList<>();
      for (int i = 0; i < perMinute[minute]; i++) {
        inMinute.add(Duration.ofMinutes(SHITSTORM_MINUTES - minute).minusSeconds(1 + random.nextInt(59)));
      }
      inMinute.sort(Comparator.reverseOrder());
      ages.addAll(inMinute);
    }
    return ages;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /** Collects a thread's mentions; ids ({@code demo-x-1}, …) and URLs count up from its first. */
  private static final class Conversation {

    private final String platform;
    private final String idPrefix;
    private final String threadId;
    private final String storyId;
    private final Instant now;
    private final List<Mention> mentions = new ArrayList<>();

    Conversation(String platform, String idPrefix, String threadId, String storyId, Instant now) {
      this.platform = platform;
      this.idPrefix = idPrefix;
      this.threadId = threadId;
      this.storyId = storyId;
      this.now = now;
    }

    void add(int minutesAgo, Author author, String text, Double sentiment, String... topics) {
      add(Duration.ofMinutes(minutesAgo), author, text, sentiment, topics);
    }

    void add(Duration ago, Author author, String text, Double sentiment, String... topics) {
      int number = mentions.size() + 1;
      String url = "https://" + platform + ".example/" + threadId + (number == 1 ? "" : "/" + number);
      mentions.add(new Mention(platform, idPrefix + "-" + number, threadId,
          author, text, url, now.minus(ago), sentiment, List.of(topics), storyId));
    }

    Sample sample() {
      return new Sample(platform, threadId, List.copyOf(mentions));
    }
  }
}
