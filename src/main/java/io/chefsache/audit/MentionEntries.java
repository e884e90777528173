package io.chefsache.audit;

import io.chefsache.audit.IncidentTimeline.Mention;
import io.chefsache.security.SystemUser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The mentions the intake stored for an incident (its {@code mention} table) and their entries. */
@Component
class MentionEntries {

  /** How many of the first mentions are listed one by one. */
  static final int FIRST_MENTIONS = 3;
  /** The author of a mention whose personal data was removed. */
  static final String REMOVED = "-";

  private final JdbcTemplate jdbc;

  MentionEntries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The webhook delivery of the incident's first stored mention, if the intake opened it. */
  Optional<String> openingDelivery(String incidentKey) {
    return jdbc.queryForList("select webhook_id from mention where incident_key = ? order by seq limit 1",
        String.class, incidentKey).stream().findFirst();
  }

  /** The incident's mentions; for a situation, those of all its threads. */
  List<Mention> mentions(String key) {
    List<String> keys = new ArrayList<>(List.of(key));
    keys.addAll(jdbc.queryForList("select incident_key from situation_thread where situation_key = ?", String.class,
        key));
    List<Mention> mentions = new ArrayList<>();
    for (String incidentKey : keys) {
      mentions.addAll(jdbc.query("""
          select external_id, author_handle, author_followers, text, url, received_at, sentiment, payload_sha256,
          personal_data_removed_why from mention where incident_key = ? order by received_at, seq""",
          (rs, row) -> new Mention(rs.getString("external_id"), rs.getString("author_handle"),
              (Long) rs.getObject("author_followers", Long.class), rs.getString("text"), rs.getString("url"),
              rs.getTimestamp("received_at").toInstant(), (Double) rs.getObject("sentiment", Double.class),
              rs.getString("payload_sha256"), rs.getString("personal_data_removed_why")),
          incidentKey));
    }
    if (keys.size() > 1) {
      mentions.sort(Comparator.comparing(Mention::receivedAt));
    }
    return mentions;
  }

  /**
   * Mentions per minute (listed at the first of the minute, with the hash of every payload), and one
   * by one the first ones and those that changed the figures: a new highest reach or a new lowest
   * sentiment.
   */
  static void add(List<Mention> mentions, List<TimelineEntry> entries, TimelineText say) {
    Map<Instant, List<Mention>> perMinute = new TreeMap<>();
    mentions.forEach(mention ->
        perMinute.computeIfAbsent(mention.receivedAt().truncatedTo(ChronoUnit.MINUTES), minute -> new ArrayList<>())
            .add(mention));
    perMinute.forEach((minute, inMinute) -> {
      long negative = inMinute.stream().filter(mention -> mention.sentiment() != null && mention.sentiment() < 0)
          .count();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("count", inMinute.size());
      details.put("negative", negative);
      details.put("payloadSha256", inMinute.stream()
          .map(mention -> Map.of("externalId", mention.externalId(), "sha256", mention.payloadSha256())).toList());
      details.put("minute", minute.toString());
      entries.add(new TimelineEntry(inMinute.get(0).receivedAt(), TimelineEntry.Type.MENTIONS, SystemUser.INTAKE,
          say.text("audit.entry.mentions", inMinute.size(), negative), details));
    });
    long highestReach = -1;
    double lowestSentiment = Double.MAX_VALUE;
    for (int i = 0; i < mentions.size(); i++) {
      Mention mention = mentions.get(i);
      List<String> why = new ArrayList<>();
      if (i < FIRST_MENTIONS) {
        why.add(i == 0 ? "audit.entry.why.first" : "audit.entry.why.amongFirst");
      }
      if (mention.followers() != null && mention.followers() > highestReach) {
        if (i > 0) {
          why.add("audit.entry.why.highestReach");
        }
        highestReach = mention.followers();
      }
      if (mention.sentiment() != null && mention.sentiment() < lowestSentiment) {
        if (i > 0) {
          why.add("audit.entry.why.lowestSentiment");
        }
        lowestSentiment = mention.sentiment();
      }
      if (!why.isEmpty()) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("externalId", mention.externalId());
        details.put("author", mention.author());
        details.put("followers", mention.followers());
        details.put("sentiment", mention.sentiment() == null ? null : mention.sentiment().toString());
        details.put("text", mention.text());
        details.put("url", mention.url());
        details.put("payloadSha256", mention.payloadSha256());
        details.put("why", why.stream().map(reason -> reason.substring(reason.lastIndexOf('.') + 1)).toList());
        String text = mention.text();
        if (mention.personalDataRemoved() != null) {
          details.put("personalDataRemoved", mention.personalDataRemoved());
          text = say.text("audit.entry.personalDataRemoved." + mention.personalDataRemoved());
        }
        entries.add(new TimelineEntry(mention.receivedAt(), TimelineEntry.Type.MENTION,
            mention.author() == null ? REMOVED : mention.author(),
            say.text("audit.entry.mention", String.join(", ", why.stream().map(say::text).toList()), text), details));
      }
    }
  }
}
