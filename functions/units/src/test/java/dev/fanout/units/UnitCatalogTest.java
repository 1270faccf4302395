package dev.fanout.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.api.Unit;
import dev.fanout.api.UnitKind;
import dev.fanout.units.http.ApacheHttpFetcher;
import dev.fanout.units.http.DestinationPolicy;
import dev.fanout.units.http.FetchLimits;
import dev.fanout.units.ledger.LockedMemoryLedger;
import dev.fanout.units.store.InMemoryObjectStore;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UnitCatalogTest {
  private static final List<String> NAMES =
      List.of(
          "download",
          "image",
          "scrape",
          "nap",
          "sumsq",
          "fib",
          "powerloop",
          "transfer",
          "order",
          "grill",
          "burger",
          "salad",
          "wash",
          "coffee");

  private final ApacheHttpFetcher fetcher =
      ApacheHttpFetcher.create(FetchLimits.defaults(), DestinationPolicy.anyHttp());
  private final UnitCatalog catalog =
      UnitCatalog.create(
          new UnitDependencies(
              fetcher,
              new InMemoryObjectStore(),
              URI.create("http://127.0.0.1:9/pokedex/"),
              new LockedMemoryLedger()));

  @AfterEach
  void closeFetcher() {
    fetcher.close();
  }

  @Test
  void all_listsTheUnitsInTheirFixedOrder() {
    assertThat(catalog.all()).extracting(Unit::name).containsExactlyElementsOf(NAMES);
    assertThat(catalog.byName().keySet()).containsExactlyElementsOf(NAMES);
  }

  @Test
  void all_givesEachUnitItsKind() {
    assertThat(catalog.all())
        .extracting(Unit::kind)
        .containsExactly(
            UnitKind.IO,
            UnitKind.IO,
            UnitKind.IO,
            UnitKind.WAIT,
            UnitKind.CPU,
            UnitKind.CPU,
            UnitKind.CPU,
            UnitKind.STATE,
            UnitKind.CPU,
            UnitKind.IO,
            UnitKind.CPU,
            UnitKind.CPU,
            UnitKind.CPU,
            UnitKind.WAIT);
  }

  @Test
  void unit_findsEachUnitByItsName() {
    for (Unit<?, ?> unit : catalog.all()) {
      assertThat(catalog.unit(unit.name())).isSameAs(unit);
    }
    assertThat(catalog.unit("fib")).isInstanceOf(FibUnit.class);
  }

  @Test
  void unit_withAnUnknownNameListsTheUnits() {
    assertThatThrownBy(() -> catalog.unit("fibonacci"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no unit called 'fibonacci'; the units are"
                + " download, image, scrape, nap, sumsq, fib, powerloop, transfer, order, grill,"
                + " burger, salad, wash, coffee");
  }

  @Test
  void catalogCannotBeChangedThroughItsViews() {
    assertThatThrownBy(() -> catalog.byName().remove("fib"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> catalog.all().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(catalog.all()).hasSize(NAMES.size());
  }
}
