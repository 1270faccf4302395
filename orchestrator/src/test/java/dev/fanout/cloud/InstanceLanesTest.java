package dev.fanout.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstanceLanesTest {

  @Test
  void assign_givesEveryColdStartANewInstance() {
    InstanceLanes lanes = new InstanceLanes();

    assertThat(lanes.assign(true, 0, 10)).isEqualTo("instance 1");
    assertThat(lanes.assign(true, 0, 12)).isEqualTo("instance 2");
    assertThat(lanes.assign(true, 20, 30)).isEqualTo("instance 3");
  }

  @Test
  void assign_putsAWarmStartOnTheInstanceFreedMostRecentlyBeforeIt() {
    InstanceLanes lanes = new InstanceLanes();
    lanes.assign(true, 0, 10);
    lanes.assign(true, 0, 15);

    assertThat(lanes.assign(false, 16, 20)).isEqualTo("instance 2");
    assertThat(lanes.assign(false, 21, 25)).isEqualTo("instance 2");
    assertThat(lanes.assign(false, 22, 26)).isEqualTo("instance 1");
  }

  @Test
  void assign_neverOpensANewInstanceForAWarmStartSeenBeforeItsPredecessorsEnd() {
    InstanceLanes lanes = new InstanceLanes();
    lanes.assign(true, 0, 10);
    lanes.assign(true, 0, 12);

    // Both instances look busy at 9 by the client's clocks, yet the start was warm.
    assertThat(lanes.assign(false, 9, 14)).isEqualTo("instance 1");
    assertThat(lanes.assign(false, 11, 16)).isEqualTo("instance 2");
  }

  @Test
  void assignLast_retiresTheInstance_soNoWarmStartIsPutOnIt() {
    InstanceLanes lanes = new InstanceLanes();
    lanes.assign(true, 0, 10);
    // A timeout killed instance 2 at 30: the warm start at 31 ran elsewhere, on instance 1.
    assertThat(lanes.assignLast(true, 0, 30)).isEqualTo("instance 2");

    assertThat(lanes.assign(false, 31, 40)).isEqualTo("instance 1");
    // Seen before instance 1 is free by the client's clocks: still never the stopped one.
    assertThat(lanes.assign(false, 35, 45)).isEqualTo("instance 1");
  }
}
