package dev.fanout.localcloud.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OriginPokedexTest {

  private static final List<String> SEED_NAMES =
      List.of(
          "Bulbasaur",
          "Ivysaur",
          "Venusaur",
          "Charmander",
          "Charmeleon",
          "Charizard",
          "Squirtle",
          "Wartortle",
          "Blastoise",
          "Caterpie",
          "Metapod",
          "Butterfree",
          "Weedle",
          "Kakuna",
          "Beedrill",
          "Pidgey",
          "Pidgeotto",
          "Pidgeot",
          "Rattata",
          "Raticate");

  @Test
  void name_isTheRealNameForTheSeedsNumbers() {
    assertThat(IntStream.rangeClosed(1, 20).mapToObj(OriginServer::pokemonName))
        .containsExactlyElementsOf(SEED_NAMES);
  }

  @Test
  void name_isMadeUpCapitalisedLettersAfterTwenty() {
    Set<String> madeUp = new HashSet<>();
    for (int number = 21; number <= 1025; number++) {
      String name = OriginServer.pokemonName(number);
      assertThat(name).as("#%d", number).matches("[A-Z][a-z]{2,}");
      madeUp.add(name);
    }

    assertThat(madeUp).doesNotContainAnyElementsOf(SEED_NAMES);
    // Made-up names vary: far more distinct names than there are syllables.
    assertThat(madeUp).hasSizeGreaterThan(500);
  }

  @Test
  void name_refusesNumbersOutside1To1025() {
    assertThatThrownBy(() -> OriginServer.pokemonName(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..1025");
    assertThatThrownBy(() -> OriginServer.pokemonName(1026))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void page_isTheSameBytesEveryTime() {
    assertThat(Pokedex.page(150)).isEqualTo(Pokedex.page(150));
    assertThat(new String(Pokedex.page(1025), StandardCharsets.UTF_8))
        .contains(OriginServer.pokemonName(1024), OriginServer.pokemonName(1));
  }
}
