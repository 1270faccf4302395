package dev.fanout.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.report.html.Timeline.Bar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bars laid out on the tracks of their lane. */
class TimelineTest {

  private static Bar bar(double start, double end) {
    return new Bar("event-loop", start, end, List.of(), false, false, false, Map.of(), () -> "");
  }

  private static List<List<Double>> starts(List<List<Bar>> tracks) {
    return tracks.stream().map(track -> track.stream().map(Bar::startMillis).toList()).toList();
  }

  @Test
  void eachBar_takesTheFirstTrackFreeByItsStart() {
    List<Bar> byStart =
        List.of(bar(0, 10), bar(1, 3), bar(2, 4), bar(3, 8), bar(4, 5), bar(10, 11), bar(10, 12));

    // 3 frees track 1 by 3; track 2 is free by 4, track 0 by 10, track 1 again by 8.
    assertThat(starts(Timeline.tracks(byStart)))
        .containsExactly(List.of(0.0, 10.0), List.of(1.0, 3.0, 10.0), List.of(2.0, 4.0));
  }

  @Test
  void tracks_neverOverlapAndAreAsManyAsTheMostBarsAtOnce() {
    Random random = new Random(5);
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      double start = random.nextInt(10_000);
      bars.add(bar(start, start + random.nextInt(200)));
    }
    bars.sort(Comparator.comparingDouble(Bar::startMillis));

    List<List<Bar>> tracks = Timeline.tracks(bars);

    for (List<Bar> track : tracks) {
      for (int i = 1; i < track.size(); i++) {
        assertThat(track.get(i).startMillis()).isGreaterThanOrEqualTo(track.get(i - 1).endMillis());
      }
    }
    assertThat(tracks.stream().mapToInt(List::size).sum()).isEqualTo(bars.size());
    assertThat(tracks).hasSize(mostAtOnce(bars));
  }

  @Test
  void aHundredThousandBarsInFlightAtOnce_getATrackEach() {
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      bars.add(bar(i * 0.001, 1_000));
    }

    assertThat(Timeline.tracks(bars)).hasSize(100_000);
  }

  /** The most bars in flight at one instant; a bar ending as another starts is not in flight. */
  private static int mostAtOnce(List<Bar> bars) {
    int most = 0;
    for (Bar bar : bars) {
      int atOnce = 0;
      for (Bar other : bars) {
        if (other.startMillis() <= bar.startMillis() && other.endMillis() > bar.startMillis()) {
          atOnce++;
        }
      }
      most = Math.max(most, atOnce);
    }
    return most;
  }
}
