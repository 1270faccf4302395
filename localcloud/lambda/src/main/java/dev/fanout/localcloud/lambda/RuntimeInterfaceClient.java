package dev.fanout.localcloud.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;

/**
 * The AWS Lambda Runtime Interface Client (RIC) that function instances run: its jars, found on
 * this JVM's own class path as resources (its classes are never loaded here), and its JNI library,
 * extracted once, because the RIC itself would copy it to one fixed path in /tmp at every start, a
 * race when instances start together.
 *
 * @param classPath the RIC's jar and the jars it needs, for the instances' {@code -cp}
 * @param jniLibrary the RIC's native HTTP client for this platform
 */
record RuntimeInterfaceClient(List<Path> classPath, Path jniLibrary) {
  static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /** The system property the RIC reads its JNI library's path from. */
  static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  /** One class of each jar the RIC needs: itself, aws-lambda-java-core, -serialization, utils. */
  private static final List<String> MARKERS =
      List.of(
          MAIN_CLASS,
          "com.amazonaws.services.lambda.runtime.Context",
          "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
          "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

  RuntimeInterfaceClient {
    classPath = List.copyOf(classPath);
  }

  /**
   * Finds the RIC's jars and extracts its JNI library under {@code cache}.
   *
   * @throws IllegalStateException when the RIC is not on the class path
   */
  static RuntimeInterfaceClient locate(Path cache) {
    ClassLoader loader = RuntimeInterfaceClient.class.getClassLoader();
    List<Path> jars = new ArrayList<>();
    for (String marker : MARKERS) {
      Path jar = jarOf(loader, marker);
      if (!jars.contains(jar)) {
        jars.add(jar);
      }
    }
    return new RuntimeInterfaceClient(jars, extractJni(jars.get(0), cache));
  }

  private static Path jarOf(ClassLoader loader, String className) {
    String resource = className.replace('.', '/') + ".class";
    URL url = loader.getResource(resource);
    if (url == null) {
      throw new IllegalStateException(
          "the AWS Lambda Runtime Interface Client is not on the class path ("
              + resource
              + " not found): the orchestrator needs"
              + " com.amazonaws:aws-lambda-java-runtime-interface-client at runtime scope");
    }
    try {
      if ("jar".equals(url.getProtocol())) {
        URL jar = ((JarURLConnection) url.openConnection()).getJarFileURL();
        return Path.of(jar.toURI());
      }
      // A class directory (an IDE's build output): its root is the "jar".
      Path file = Path.of(url.toURI());
      Path root = file;
      for (int depth = className.split("\\.").length; depth > 0; depth--) {
        root = root.getParent();
      }
      return root;
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(
          "cannot locate the jar of " + className + " (" + url + ")", e);
    }
  }

  /**
   * Copies the platform's JNI library out of the RIC jar once: to a file named after the jar and
   * the platform, written aside and renamed into place.
   */
  private static Path extractJni(Path ricJar, Path cache) {
    String library = "libaws-lambda-jni." + platform() + ".so";
    try {
      Files.createDirectories(cache);
      String jarName = ricJar.getFileName().toString().replaceAll("\\.jar$", "");
      Path target = cache.resolve(jarName + "-" + library);
      if (Files.isRegularFile(target) && Files.size(target) > 0) {
        return target;
      }
      if (Files.isDirectory(ricJar)) {
        Path source = ricJar.resolve("jni").resolve(library);
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
      }
      try (JarFile jar = new JarFile(ricJar.toFile())) {
        var entry = jar.getJarEntry("jni/" + library);
        if (entry == null) {
          throw new IllegalStateException(
              ricJar + " has no JNI library for this platform (jni/" + library + ")");
        }
        Path staging = Files.createTempFile(cache, "jni-", ".so");
        try (InputStream in = jar.getInputStream(entry)) {
          Files.copy(in, staging, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
          Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the RIC's JNI library to " + cache, e);
    }
  }

  /** The RIC's name for this platform, e.g. {@code linux-x86_64} or {@code linux_musl-aarch_64}. */
  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      throw new IllegalStateException(
          "function instances run the AWS Lambda Runtime Interface Client, whose native library"
              + " exists for Linux only (this is "
              + System.getProperty("os.name")
              + "); use sam local or AWS on this machine");
    }
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String cpu =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch_64";
          default ->
              throw new IllegalStateException(
                  "the RIC has no native library for the CPU " + arch + " (only x86_64, aarch64)");
        };
    return (isMusl() ? "linux_musl-" : "linux-") + cpu;
  }

  private static boolean isMusl() {
    try (var entries = Files.newDirectoryStream(Path.of("/lib"), "ld-musl-*")) {
      return entries.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }
}
