package dev.fanout.localcloud.origin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The Pokedex pages of the articles' scrape workload. Numbers 1..20 carry the real names (the
 * articles' task list); the rest of 1..1025 carry made-up names that are the same on every run.
 */
final class Pokedex {

  static final int FIRST = 1;
  static final int LAST = 1025;

  private static final List<String> REAL_NAMES =
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

  private static final List<String> REAL_TYPES =
      List.of(
          "Grass Poison",
          "Grass Poison",
          "Grass Poison",
          "Fire",
          "Fire",
          "Fire Flying",
          "Water",
          "Water",
          "Water",
          "Bug",
          "Bug",
          "Bug Flying",
          "Bug Poison",
          "Bug Poison",
          "Bug Poison",
          "Normal Flying",
          "Normal Flying",
          "Normal Flying",
          "Normal",
          "Normal");

  private static final String[] TYPES = {
    "Normal", "Fire", "Water", "Grass", "Electric", "Ice", "Fighting", "Poison", "Ground",
    "Flying", "Psychic", "Bug", "Rock", "Ghost", "Dragon", "Dark", "Steel", "Fairy"
  };

  private static final String[] SYLLABLES = {
    "ba", "bel", "chu", "da", "dra", "fen", "ga", "gro", "ka", "kip", "lo", "lum", "ma", "mor",
    "na", "nix", "pa", "pyr", "ra", "ro", "sa", "sel", "ta", "tor", "va", "vel", "wo", "za", "zu"
  };

  private static final String[] ENDINGS = {
    "saur", "mon", "chu", "dos", "pod", "rex", "tle", "zard", "ffin", "lith", "bat", "nite"
  };

  private static final String[] STATS = {"HP", "Attack", "Defense", "Sp. Atk", "Sp. Def", "Speed"};

  private Pokedex() {}

  static boolean exists(int number) {
    return number >= FIRST && number <= LAST;
  }

  /** The name on the page: real for 1..20, made up from syllables seeded by the number after. */
  static String name(int number) {
    if (!exists(number)) {
      throw new IllegalArgumentException(
          "number must be in " + FIRST + ".." + LAST + ", got " + number);
    }
    if (number <= REAL_NAMES.size()) {
      return REAL_NAMES.get(number - 1);
    }
    // java.util.Random's sequence is fixed by its specification, so names never change.
    Random random = new Random(0x50CEDE7L * number);
    StringBuilder name = new StringBuilder();
    int syllables = 1 + random.nextInt(2);
    for (int i = 0; i < syllables; i++) {
      name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    name.append(ENDINGS[random.nextInt(ENDINGS.length)]);
    name.setCharAt(0, Character.toUpperCase(name.charAt(0)));
    return name.toString();
  }

  /** The UTF-8 HTML page for a number in 1..1025. */
  static byte[] page(int number) {
    String name = name(number);
    String types = types(number);
    int previous = number == FIRST ? LAST : number - 1;
    int next = number == LAST ? FIRST : number + 1;
    Random random = new Random(0x57A75L * number);
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n")
        .append("  <title>")
        .append(name)
        .append(" Pokédex: stats, types and evolution</title>\n</head>\n<body>\n")
        .append("<header>\n  <p class=\"site-name\">Pokédex</p>\n  <nav>\n    <ul>\n")
        .append("      <li><a href=\"/pokedex/")
        .append(previous)
        .append("\">#")
        .append(String.format(Locale.ROOT, "%04d", previous))
        .append(' ')
        .append(name(previous))
        .append("</a></li>\n      <li><a href=\"/pokedex/")
        .append(next)
        .append("\">#")
        .append(String.format(Locale.ROOT, "%04d", next))
        .append(' ')
        .append(name(next))
        .append("</a></li>\n    </ul>\n  </nav>\n</header>\n<main>\n")
        .append("<h1 class=\"pokemon-name\">")
        .append(name)
        .append("</h1>\n<p><em>")
        .append(name)
        .append("</em> is a ")
        .append(types)
        .append(" type Pokémon.</p>\n")
        .append("<table class=\"vitals\">\n  <caption>Pokédex data</caption>\n")
        .append("  <tr><th>National №</th><td>")
        .append(String.format(Locale.ROOT, "%04d", number))
        .append("</td></tr>\n  <tr><th>Type</th><td>")
        .append(types)
        .append("</td></tr>\n  <tr><th>Height</th><td>")
        .append(String.format(Locale.ROOT, "%.1f m", (3 + random.nextInt(40)) / 10.0))
        .append("</td></tr>\n  <tr><th>Weight</th><td>")
        .append(String.format(Locale.ROOT, "%.1f kg", (20 + random.nextInt(2000)) / 10.0))
        .append("</td></tr>\n</table>\n<h2>Base stats</h2>\n<table class=\"stats\">\n");
    int total = 0;
    for (String stat : STATS) {
      int value = 20 + random.nextInt(131);
      total += value;
      html.append("  <tr><th>")
          .append(stat)
          .append("</th><td>")
          .append(value)
          .append("</td></tr>\n");
    }
    html.append("  <tr><th>Total</th><td>")
        .append(total)
        .append("</td></tr>\n</table>\n</main>\n")
        .append("<aside>\n  <h1>More Pokémon</h1>\n  <p>Browse the neighbours of #")
        .append(String.format(Locale.ROOT, "%04d", number))
        .append(" with the links at the top of the page.</p>\n</aside>\n")
        .append("<footer><p>Served by the fanout local origin.</p></footer>\n</body>\n</html>\n");
    return html.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String types(int number) {
    if (number <= REAL_TYPES.size()) {
      return REAL_TYPES.get(number - 1);
    }
    Random random = new Random(0x7E9E5L * number);
    String first = TYPES[random.nextInt(TYPES.length)];
    String second = TYPES[random.nextInt(TYPES.length)];
    return first.equals(second) ? first : first + " " + second;
  }
}
