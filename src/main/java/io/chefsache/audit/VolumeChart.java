package io.chefsache.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The chart of mention volume over time with the moments the level changed, laid out for an SVG
 * drawn on the server: no script, and mention text never reaches it.
 *
 * @param bucketMinutes minutes per bar (1, or more for long incidents, so there are at most
 *     {@value #MAX_BARS} bars)
 */
public record VolumeChart(int width, int height, int bucketMinutes, long peak, List<Bar> bars, List<Marker> markers,
    Instant start, Instant end) {

  static final int MAX_BARS = 240;
  /** The shortest time axis, so that a young incident's bars keep their width. */
  static final int MIN_MINUTES = 30;
  static final int WIDTH = 960;
  static final int HEIGHT = 220;
  static final int AXIS = 20;

  /** A bar: {@code count} mentions received in the bucket that begins at {@code from}. */
  public record Bar(double x, double y, double width, double height, Instant from, long count) {
  }

  /** A vertical line where the level changed; labels of close lines are staggered. */
  public record Marker(double x, double labelY, int level) {
  }

  static VolumeChart of(List<IncidentTimeline.Mention> mentions, List<TimelineEntry> levelChanges, Instant opened,
      Instant closed) {
    Instant start = opened.truncatedTo(ChronoUnit.MINUTES);
    Instant last = closed != null ? closed : opened;
    for (IncidentTimeline.Mention mention : mentions) {
      last = mention.receivedAt().isAfter(last) ? mention.receivedAt() : last;
    }
    for (TimelineEntry change : levelChanges) {
      last = change.at().isAfter(last) ? change.at() : last;
    }
    long minutes = Math.max(MIN_MINUTES, Duration.between(start, last).toMinutes() + 1);
    int bucket = (int) Math.max(1, (minutes + MAX_BARS - 1) / MAX_BARS);
    int buckets = (int) ((minutes + bucket - 1) / bucket);
    long[] counts = new long[buckets];
    for (IncidentTimeline.Mention mention : mentions) {
      int index = (int) Math.min(buckets - 1, Math.max(0,
          Duration.between(start, mention.receivedAt()).toMinutes() / bucket));
      counts[index]++;
    }
    long peak = 1;
    for (long count : counts) {
      peak = Math.max(peak, count);
    }
    double barWidth = (double) WIDTH / buckets;
    double plotHeight = HEIGHT - AXIS;
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      if (counts[i] > 0) {
        double height = plotHeight * counts[i] / peak;
        bars.add(new Bar(i * barWidth, plotHeight - height, Math.max(1, barWidth - 1), height,
            start.plus(Duration.ofMinutes((long) i * bucket)), counts[i]));
      }
    }
    double span = (double) buckets * bucket * 60;
    List<Marker> markers = new ArrayList<>();
    for (TimelineEntry change : levelChanges) {
      markers.add(new Marker(WIDTH * Math.min(1, Math.max(0, Duration.between(start, change.at()).toSeconds() / span)),
          12 + 14 * (markers.size() % 3), ((Number) change.details().get("level")).intValue()));
    }
    return new VolumeChart(WIDTH, HEIGHT, bucket, peak, bars, markers, start,
        start.plus(Duration.ofMinutes((long) buckets * bucket)));
  }
}
