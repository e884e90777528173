package io.chefsache.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The chart of mention volume over time with the moments the level changed, laid out for an SVG
 * drawn on the server: no script, and mention text never reaches it. The time axis ends where the
 * incident's record does: when it closed, or now while it runs; it is labelled at its start, its end
 * and at round times between, as many as fit without overlapping.
 *
 * @param bucketMinutes minutes per bar (1, or more for long incidents, so there are at most
 *     {@value #MAX_BARS} bars)
 * @param end the end of the time axis, never after now
 * @param endX where the time axis ends: the full width, or less while a young incident's axis has
 *     not reached {@value #MIN_MINUTES} minutes
 */
public record VolumeChart(int width, int height, int bucketMinutes, long peak, List<Bar> bars, List<Marker> markers,
    Instant start, Instant end, double endX, List<Label> labels) {

  static final int MAX_BARS = 240;
  /** The shortest time axis, so that a young incident's bars keep their width. */
  static final int MIN_MINUTES = 30;
  static final int WIDTH = 960;
  static final int HEIGHT = 220;
  static final int AXIS = 20;
  /** The room an axis label takes: a time as the pages write it ("Dec 3, 2026, 2:05:00 PM CET") at 11 px. */
  static final int LABEL_WIDTH = 180;
  /** Round steps between labels, in minutes, from a minute to four weeks; the smallest that fits is used. */
  private static final long[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160, 40320};

  /** A bar: {@code count} mentions received in the bucket that begins at {@code from}. */
  public record Bar(double x, double y, double width, double height, Instant from, long count) {
  }

  /** A vertical line where the level changed; labels of close lines are staggered. */
  public record Marker(double x, double labelY, int level) {
  }

  /**
   * A time on the axis: its tick at {@code tickX}, its text centred at {@code x} (the axis' first and
   * last label are moved inwards to stay on the chart).
   */
  public record Label(double x, double tickX, Instant at) {
  }

  static VolumeChart of(List<IncidentTimeline.Mention> mentions, List<TimelineEntry> levelChanges, Instant opened,
      Instant closed, Instant now, ZoneId zone) {
    Instant start = opened.truncatedTo(ChronoUnit.MINUTES);
    Instant last = closed != null ? closed : now;
    for (IncidentTimeline.Mention mention : mentions) {
      last = mention.receivedAt().isAfter(last) ? mention.receivedAt() : last;
    }
    for (TimelineEntry change : levelChanges) {
      last = change.at().isAfter(last) ? change.at() : last;
    }
    Instant end = last.isAfter(now) ? now : last;
    long minutes = Math.max(MIN_MINUTES, Duration.between(start, end).toMinutes() + 1);
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
    double span = (double) buckets * bucket * 60;
    double endX = x(start, end, span);
    double barWidth = (double) WIDTH / buckets;
    double plotHeight = HEIGHT - AXIS;
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      if (counts[i] > 0) {
        double height = plotHeight * counts[i] / peak;
        double x = i * barWidth;
        bars.add(new Bar(x, plotHeight - height, Math.max(1, Math.min(barWidth - 1, endX - x)), height,
            start.plus(Duration.ofMinutes((long) i * bucket)), counts[i]));
      }
    }
    List<Marker> markers = new ArrayList<>();
    for (TimelineEntry change : levelChanges) {
      markers.add(new Marker(x(start, change.at(), span), 12 + 14 * (markers.size() % 3),
          ((Number) change.details().get("level")).intValue()));
    }
    return new VolumeChart(WIDTH, HEIGHT, bucket, peak, bars, markers, start, end, endX,
        labels(start, end, endX, span, zone));
  }

  private static double x(Instant start, Instant at, double span) {
    return WIDTH * Math.min(1, Math.max(0, Duration.between(start, at).toSeconds() / span));
  }

  /**
   * The axis' start, its end if there is room for both, and between them round times (every 5 min,
   * every 6 h, at midnight, ...) at the smallest step that keeps each label a label's width from the next.
   */
  private static List<Label> labels(Instant start, Instant end, double endX, double span, ZoneId zone) {
    double half = LABEL_WIDTH / 2.0;
    List<Label> labels = new ArrayList<>();
    labels.add(new Label(half, 0, start));
    Label last = endX - half - half >= LABEL_WIDTH ? new Label(endX - half, endX, end) : null;
    long step = STEPS[STEPS.length - 1];
    for (long candidate : STEPS) {
      if (WIDTH * candidate * 60 / span >= LABEL_WIDTH) {
        step = candidate;
        break;
      }
    }
    ZonedDateTime tick = start.atZone(zone).truncatedTo(ChronoUnit.DAYS);
    while (!tick.toInstant().isAfter(start)) {
      tick = next(tick, step);
    }
    for (; tick.toInstant().isBefore(end); tick = next(tick, step)) {
      double at = x(start, tick.toInstant(), span);
      boolean clearOfPrevious = at - labels.get(labels.size() - 1).x() >= LABEL_WIDTH;
      boolean clearOfEnd = last != null ? last.x() - at >= LABEL_WIDTH : at + half <= endX;
      if (clearOfPrevious && clearOfEnd) {
        labels.add(new Label(at, at, tick.toInstant()));
      }
    }
    if (last != null) {
      labels.add(last);
    }
    return labels;
  }

  /** The next round time: steps of whole days go from midnight to midnight, also across a change of summer time. */
  private static ZonedDateTime next(ZonedDateTime tick, long step) {
    return step % 1440 == 0 ? tick.plusDays(step / 1440) : tick.plusMinutes(step);
  }
}
