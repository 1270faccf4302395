package dev.fanout.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.api.Deadline;
import dev.fanout.api.UnitProvider;
import dev.fanout.units.http.ApacheHttpFetcher;
import dev.fanout.units.http.DestinationPolicy;
import dev.fanout.units.http.FetchLimits;
import dev.fanout.units.ledger.LockedMemoryLedger;
import dev.fanout.units.store.InMemoryObjectStore;
import dev.fanout.units.testing.UnitJar;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Units of your own, from jars compiled here as a user would build them. */
class OwnUnitsTest {
  private static final String SERVICES = "META-INF/services/" + UnitProvider.class.getName();

  @TempDir Path temp;

  private final ApacheHttpFetcher fetcher =
      ApacheHttpFetcher.createOnFirstUse(FetchLimits.defaults(), DestinationPolicy.anyHttp());

  @AfterEach
  void close() {
    fetcher.close();
  }

  /** A provider of a unit that upper-cases {"text": ...}, under the name given. */
  private Path jar(String file, String unitName, boolean withServiceFile) throws Exception {
    String source =
        """
        package com.example.shout;

        import com.fasterxml.jackson.databind.JsonNode;
        import com.fasterxml.jackson.databind.node.JsonNodeFactory;
        import dev.fanout.api.*;
        import java.net.URI;
        import java.util.List;
        import java.util.Locale;
        import java.util.Set;

        public final class ShoutProvider implements UnitProvider {
          public record Output(String text) {}

          @Override
          public Unit<?, ?> create(UnitContext context) {
            return new Unit<String, Output>() {
              public String name() { return "NAME"; }
              public UnitKind kind() { return UnitKind.CPU; }
              public String exampleInput() { return "{\\"text\\": \\"hi\\"}"; }
              public String parse(JsonNode input) {
                UnitJson.requireObject(name(), input, Set.of("text"), exampleInput());
                return UnitJson.requireText(name(), input, "text", 100, "some text");
              }
              public Output run(String input, Deadline deadline) {
                return new Output(input.toUpperCase(Locale.ROOT));
              }
            };
          }

          @Override
          public List<JsonNode> tasks(URI origin) {
            return List.of(JsonNodeFactory.instance.objectNode().put("text", "hello"));
          }

          @Override
          public String describeTasks() { return "one greeting"; }
        }
        """
            .replace("NAME", unitName);
    return UnitJar.build(
        temp.resolve(file),
        Map.of("com.example.shout.ShoutProvider", source),
        withServiceFile ? Map.of(SERVICES, "com.example.shout.ShoutProvider\n") : Map.of());
  }

  private UnitCatalog catalog(OwnUnits own) {
    return UnitCatalog.create(
        new UnitDependencies(
            fetcher,
            new InMemoryObjectStore(),
            URI.create("http://127.0.0.1:9/pokedex/"),
            new LockedMemoryLedger()),
        own);
  }

  @Test
  void aUnitInAJar_joinsTheCatalogAfterTheBuiltInOnes_andRuns() throws Exception {
    try (OwnUnits own = OwnUnits.fromJars(List.of(jar("shout.jar", "shout", true)))) {
      UnitCatalog catalog = catalog(own);

      assertThat(catalog.ownNames()).containsExactly("shout");
      assertThat(List.copyOf(catalog.byName().keySet()).getLast()).isEqualTo("shout");
      assertThat(catalog.provider("shout")).isPresent();
      assertThat(catalog.provider("fib")).isEmpty();
      assertThat(
              catalog
                  .unit("shout")
                  .call(new ObjectMapper().readTree("{\"text\": \"hello\"}"), Deadline.none()))
          .hasToString("{\"text\":\"HELLO\"}");
    }
  }

  @Test
  void theBuiltInCatalog_hasNoUnitOfYourOwn() {
    assertThat(catalog(OwnUnits.none()).ownNames()).isEmpty();
  }

  @Test
  void aJarWithoutAServiceFile_isRefused_sayingWhatToAdd() throws Exception {
    Path jar = jar("plain.jar", "shout", false);

    assertThatThrownBy(() -> OwnUnits.fromJars(List.of(jar)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(jar.toString())
        .hasMessageContaining("offers no unit")
        .hasMessageContaining(SERVICES);
  }

  @Test
  void aMissingJar_isRefused() {
    Path missing = temp.resolve("nowhere.jar");

    assertThatThrownBy(() -> OwnUnits.fromJars(List.of(missing)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no unit jar at " + missing);
  }

  @Test
  void aProviderTheJarDoesNotHold_isRefused() throws Exception {
    Path jar =
        UnitJar.build(
            temp.resolve("broken.jar"), Map.of(), Map.of(SERVICES, "com.example.Missing\n"));

    assertThatThrownBy(() -> OwnUnits.fromJars(List.of(jar)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot load a unit of your own from " + jar)
        .hasMessageContaining("com.example.Missing");
  }

  @Test
  void aUnitNamedLikeABuiltInOne_isRefused() throws Exception {
    try (OwnUnits own = OwnUnits.fromJars(List.of(jar("fib.jar", "fib", true)))) {
      assertThatThrownBy(() -> catalog(own))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'fib', a name already taken");
    }
  }

  @Test
  void aUnitWithAnUnfitName_isRefused() throws Exception {
    try (OwnUnits own = OwnUnits.fromJars(List.of(jar("odd.jar", "Shout out", true)))) {
      assertThatThrownBy(() -> catalog(own))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'Shout out'")
          .hasMessageContaining("starts with a lower-case letter");
    }
  }
}
