package dev.fanout.report.html;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page test in headless Chromium: one browser for the class (1280 x 1600), and every test
 * skipped, and counted as such, where there is no browser to run it in.
 */
abstract class InChromium {
  static Chromium chromium;

  @BeforeAll
  static void startChromium(@TempDir Path profile) {
    Optional<Path> binary = Chromium.find();
    if (binary.isEmpty()) {
      System.err.println("browser tests: " + Chromium.MISSING);
      return;
    }
    chromium = Chromium.start(binary.get(), profile, 1280, 1600);
  }

  @BeforeEach
  void needsChromium() {
    assumeTrue(chromium != null, Chromium.MISSING);
  }

  @AfterAll
  static void closeChromium() {
    if (chromium != null) {
      chromium.close();
      chromium = null;
    }
  }
}
