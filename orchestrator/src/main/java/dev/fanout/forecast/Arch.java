package dev.fanout.forecast;

import java.util.Arrays;
import java.util.Locale;

/** The instruction set a function runs on: it sets the price of a GB-second. */
public enum Arch {
  X86_64("x86_64"),
  ARM64("arm64");

  private final String label;

  Arch(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The architecture named as Lambda names it ({@code x86_64}, {@code arm64}). */
  public static Arch parse(String name) {
    return Arrays.stream(values())
        .filter(arch -> arch.label.equals(name.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--arch: '" + name + "' is not an architecture; use x86_64 or arm64"));
  }
}
