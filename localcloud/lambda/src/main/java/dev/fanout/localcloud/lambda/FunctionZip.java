package dev.fanout.localcloud.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The check that a file is a function.zip the template's functions can run, made before anything is
 * unpacked or started: a zip file holding every Java function's handler class where the Lambda Java
 * runtime looks for it, at the zip's root or in one of its {@code lib/*.jar}.
 */
public final class FunctionZip {
  /** The longest nested jar read to look at its entries; larger ones are not libraries. */
  private static final long MAX_JAR_BYTES = 256L << 20;

  private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  private static final int CENTRAL_DIRECTORY_ENTRY = 0x02014b50;

  private FunctionZip() {}

  /**
   * Refuses {@code zip} unless it holds the handler classes of {@code functions}.
   *
   * @throws IllegalArgumentException in one line: missing, a directory, not a zip, or without a
   *     handler class
   */
  public static void check(Path zip, Collection<FunctionConfig> functions) {
    if (Files.isDirectory(zip)) {
      throw refused(zip + " is a directory, not a function.zip");
    }
    if (!Files.isRegularFile(zip)) {
      throw refused("no function.zip at " + zip);
    }
    // Handler class -> the first function that names it, for the message.
    Map<String, String> wanted = new LinkedHashMap<>();
    for (FunctionConfig function : functions) {
      wanted.putIfAbsent(classFile(function.handler()), function.name());
    }
    try (ZipFile file = new ZipFile(zip.toFile())) {
      wanted.keySet().removeIf(entry -> file.getEntry(entry) != null);
      for (Enumeration<? extends ZipEntry> entries = file.entries();
          !wanted.isEmpty() && entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        if (isLibraryJar(entry)) {
          try (InputStream jar = file.getInputStream(entry)) {
            wanted.keySet().removeIf(jarHolds(jar.readAllBytes())::contains);
          }
        }
      }
    } catch (ZipException e) {
      throw refused(zip + " is not a zip file (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + zip, e);
    }
    if (!wanted.isEmpty()) {
      Map.Entry<String, String> missing = wanted.entrySet().iterator().next();
      throw refused(
          zip
              + " has no "
              + missing.getKey().replace('/', '.').replaceFirst("\\.class$", "")
              + ", the handler of "
              + missing.getValue()
              + ", at its root or in its lib/*.jar");
    }
  }

  private static IllegalArgumentException refused(String problem) {
    return new IllegalArgumentException(problem);
  }

  /** {@code pkg.Handler::method} as the class file the runtime loads. */
  static String classFile(String handler) {
    int method = handler.indexOf("::");
    String type = method < 0 ? handler : handler.substring(0, method);
    return type.replace('.', '/') + ".class";
  }

  /** A jar directly in {@code lib/}, where the Lambda Java runtime puts libraries on its path. */
  private static boolean isLibraryJar(ZipEntry entry) {
    String name = entry.getName();
    return !entry.isDirectory()
        && name.startsWith("lib/")
        && name.endsWith(".jar")
        && name.indexOf('/', "lib/".length()) < 0
        && entry.getSize() <= MAX_JAR_BYTES;
  }

  /**
   * The entry names in a jar's central directory. Read from the bytes, not by streaming the jar's
   * entries: that would inflate every class of every library, several times slower.
   */
  static Set<String> jarHolds(byte[] jar) {
    ByteBuffer bytes = ByteBuffer.wrap(jar).order(ByteOrder.LITTLE_ENDIAN);
    int end = -1;
    // The end record is 22 bytes and may be followed by a comment of up to 65,535.
    for (int at = jar.length - 22; at >= Math.max(0, jar.length - 22 - 65_535); at--) {
      if (bytes.getInt(at) == END_OF_CENTRAL_DIRECTORY) {
        end = at;
        break;
      }
    }
    Set<String> names = new HashSet<>();
    if (end < 0) {
      return names; // Not a jar: it holds nothing the runtime could load.
    }
    int count = Short.toUnsignedInt(bytes.getShort(end + 10));
    long at = Integer.toUnsignedLong(bytes.getInt(end + 16));
    for (int i = 0; i < count && at + 46 <= end; i++) {
      int p = (int) at;
      if (bytes.getInt(p) != CENTRAL_DIRECTORY_ENTRY) {
        break;
      }
      int nameLength = Short.toUnsignedInt(bytes.getShort(p + 28));
      int extraLength = Short.toUnsignedInt(bytes.getShort(p + 30));
      int commentLength = Short.toUnsignedInt(bytes.getShort(p + 32));
      if (p + 46 + nameLength > jar.length) {
        break;
      }
      names.add(new String(jar, p + 46, nameLength, StandardCharsets.UTF_8));
      at = (long) p + 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
}
