package io.chefsache.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample mentions themselves, without an application: one thread each, oldest first, the same on every start. */
class DemoMentionsTest {

  private static final Instant NOW = Instant.parse("2026-03-12T10:00:00Z");

  @Test
  void theShitstormIsAnHourOfManyAuthorsTwoThirdsNegativeStartedByTheJournal() {
    List<DemoMentions.Mention> shitstorm = DemoMentions.samples(NOW).get(3).mentions();

    assertThat(shitstorm).hasSize(240);
    assertThat(shitstorm).filteredOn(m -> m.sentiment() != null && m.sentiment() < 0).hasSize(160);
    assertThat(shitstorm.get(0).author()).isEqualTo(new DemoMentions.Author("@velo_journal", 280_000, true));
    assertThat(shitstorm).extracting(m -> m.author().followers()).allMatch(f -> f <= 280_000)
        .filteredOn(f -> f == 280_000).hasSize(1);
    assertThat(shitstorm).extracting(DemoMentions.Mention::sentiment).filteredOn(s -> s != null)
        .allMatch(s -> s >= -0.95);
    assertThat(shitstorm.stream().map(m -> m.author().handle()).distinct().count()).as("authors").isGreaterThan(30);
    assertThat(shitstorm.stream().map(DemoMentions.Mention::text).distinct().count()).as("texts").isGreaterThan(120);
  }

  @Test
  void everyThreadIsOrderedAndWithinTheLastHour() {
    for (DemoMentions.Sample sample : DemoMentions.samples(NOW)) {
      assertThat(sample.mentions()).as(sample.incidentKey())
          .isSortedAccordingTo(Comparator.comparing(DemoMentions.Mention::createdAt))
          .allSatisfy(mention -> {
            assertThat(mention.createdAt()).isBetween(NOW.minus(Duration.ofMinutes(60)), NOW);
            assertThat(mention.threadId()).isEqualTo(sample.threadId());
            assertThat(mention.platform()).isEqualTo(sample.platform());
          });
    }
  }

  @Test
  void idsAreUniqueAndEveryStartBuildsTheSameMentions() {
    List<DemoMentions.Mention> all = DemoMentions.samples(NOW).stream().map(DemoMentions.Sample::mentions)
        .flatMap(Collection::stream).toList();
    assertThat(all).extracting(DemoMentions.Mention::deliveryId).doesNotHaveDuplicates();
    assertThat(all).extracting(m -> m.platform() + ":" + m.externalId()).doesNotHaveDuplicates();

    List<DemoMentions.Mention> later = DemoMentions.samples(NOW.plusSeconds(3600)).stream()
        .map(DemoMentions.Sample::mentions).flatMap(Collection::stream).toList();
    assertThat(later).extracting(DemoMentions.Mention::externalId, DemoMentions.Mention::text,
        DemoMentions.Mention::sentiment).containsExactlyElementsOf(all.stream()
        .map(m -> org.assertj.core.groups.Tuple.tuple(m.externalId(), m.text(), m.sentiment())).toList());
  }
}
