package dev.fanout.units;

import dev.fanout.api.UnitProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Units of your own: the {@link UnitProvider}s a class loader offers through {@link ServiceLoader},
 * from the jars a user names or from the class path itself (a Lambda function's layers). Closing it
 * closes the class loader it made, if any.
 */
public final class OwnUnits implements AutoCloseable {
  private final List<UnitProvider> providers;
  private final URLClassLoader ownLoader;

  private OwnUnits(List<UnitProvider> providers, URLClassLoader ownLoader) {
    this.providers = List.copyOf(providers);
    this.ownLoader = ownLoader;
  }

  /** No units of your own. */
  public static OwnUnits none() {
    return new OwnUnits(List.of(), null);
  }

  /**
   * The providers {@code loader} sees.
   *
   * @throws IllegalArgumentException when a provider is named but cannot be loaded or built
   */
  public static OwnUnits onClassPath(ClassLoader loader) {
    return new OwnUnits(load(loader, "the class path"), null);
  }

  /**
   * The providers in {@code jars}, loaded beside this module's classes: a unit's jar holds the unit
   * alone; the API and Jackson come from here.
   *
   * @throws IllegalArgumentException when a jar is missing, offers no provider, or a provider
   *     cannot be loaded or built
   */
  public static OwnUnits fromJars(List<Path> jars) {
    if (jars.isEmpty()) {
      return none();
    }
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("no unit jar at " + jar);
      }
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("cannot read the unit jar " + jar + ": " + e, e);
      }
    }
    URLClassLoader loader =
        new URLClassLoader(
            "fanout-own-units", urls.toArray(URL[]::new), OwnUnits.class.getClassLoader());
    try {
      List<UnitProvider> providers =
          load(loader, String.join(", ", jars.stream().map(Path::toString).toList()));
      for (Path jar : jars) {
        if (providers.stream().noneMatch(provider -> comesFrom(provider, jar))) {
          throw new IllegalArgumentException(
              jar
                  + " offers no unit: name your UnitProvider class in its"
                  + " META-INF/services/"
                  + UnitProvider.class.getName());
        }
      }
      return new OwnUnits(providers, loader);
    } catch (RuntimeException e) {
      closeQuietly(loader, e);
      throw e;
    }
  }

  private static List<UnitProvider> load(ClassLoader loader, String where) {
    List<UnitProvider> providers = new ArrayList<>();
    try {
      ServiceLoader.load(UnitProvider.class, loader).forEach(providers::add);
    } catch (ServiceConfigurationError e) {
      throw new IllegalArgumentException(
          "cannot load a unit of your own from " + where + ": " + e.getMessage(), e);
    }
    return providers;
  }

  private static boolean comesFrom(UnitProvider provider, Path jar) {
    var source = provider.getClass().getProtectionDomain().getCodeSource();
    if (source == null) {
      return false;
    }
    try {
      return Path.of(source.getLocation().toURI()).equals(jar.toAbsolutePath().normalize());
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return false;
    }
  }

  public List<UnitProvider> providers() {
    return providers;
  }

  public boolean isEmpty() {
    return providers.isEmpty();
  }

  private static void closeQuietly(URLClassLoader loader, RuntimeException failure) {
    try {
      loader.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    if (ownLoader != null) {
      try {
        ownLoader.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the unit jars' class loader", e);
      }
    }
  }
}
