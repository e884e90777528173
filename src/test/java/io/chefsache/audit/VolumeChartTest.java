package io.chefsache.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The volume chart's time axis: it ends at the incident's end or now, and its labels never overlap. */
class VolumeChartTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2026-12-03T14:07:30Z");

  private static IncidentTimeline.Mention mention(Instant at) {
    return new IncidentTimeline.Mention("m-" + at, "@kunde", 10L, "Text", null, at, -0.5, "hash", null);
  }

  private static TimelineEntry levelChange(Instant at, int level) {
    return new TimelineEntry(at, TimelineEntry.Type.LEVEL_CHANGE, "chefsache", "Stufe", Map.of("level", level));
  }

  @Test
  void aYoungRunningIncidentsAxisEndsNowNotHalfAnHourLater() {
    Instant opened = NOW.minus(Duration.ofMinutes(12));

    var chart = VolumeChart.of(List.of(mention(opened.plusSeconds(30)), mention(NOW.minusSeconds(5))),
        List.of(levelChange(opened.plusSeconds(60), 1)), opened, null, NOW, BERLIN);

    assertThat(chart.end()).isEqualTo(NOW);
    assertThat(chart.endX()).as("12 of the 30 minutes a young incident's bars are drawn for")
        .isCloseTo(chart.width() * 12.5 / 30, org.assertj.core.data.Offset.offset(1.0));
    assertThat(chart.bars()).allSatisfy(bar -> assertThat(bar.x() + bar.width()).isLessThanOrEqualTo(chart.endX()));
    assertThat(chart.labels()).extracting(VolumeChart.Label::at, VolumeChart.Label::tickX)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(opened.truncatedTo(ChronoUnit.MINUTES), 0.0),
            org.assertj.core.groups.Tuple.tuple(NOW, chart.endX()));
  }

  @Test
  void labelsOfAnyPeriodAreALabelApartOnTheChartAndNoneIsAfterNow() {
    for (Duration length : List.of(Duration.ofMinutes(45), Duration.ofHours(3), Duration.ofHours(26),
        Duration.ofDays(9), Duration.ofDays(45), Duration.ofDays(400))) {
      Instant opened = NOW.minus(length);
      for (Instant closed : new Instant[] {null, NOW.minus(length.dividedBy(3))}) {
        var chart = VolumeChart.of(List.of(mention(opened), mention(opened.plus(length.dividedBy(4)))), List.of(),
            opened, closed, NOW, BERLIN);
        List<VolumeChart.Label> labels = chart.labels().stream()
            .sorted(Comparator.comparingDouble(VolumeChart.Label::x)).toList();

        String period = length + (closed == null ? ", running" : ", closed");
        assertThat(chart.end()).as(period).isEqualTo(closed == null ? NOW : closed);
        assertThat(labels).as(period).hasSizeGreaterThanOrEqualTo(3).allSatisfy(label -> {
          assertThat(label.at()).isBeforeOrEqualTo(chart.end());
          assertThat(label.tickX()).isLessThanOrEqualTo(chart.endX());
          assertThat(label.x() - VolumeChart.LABEL_WIDTH / 2.0).isGreaterThanOrEqualTo(0);
          assertThat(label.x() + VolumeChart.LABEL_WIDTH / 2.0).isLessThanOrEqualTo(chart.width());
        });
        for (int i = 1; i < labels.size(); i++) {
          assertThat(labels.get(i).x() - labels.get(i - 1).x()).as(period + ": label " + i)
              .isGreaterThanOrEqualTo(VolumeChart.LABEL_WIDTH);
          assertThat(labels.get(i).at()).as(period + ": labels in time order").isAfter(labels.get(i - 1).at());
        }
      }
    }
  }
}
