package dev.fanout.units;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Fetched;
import dev.fanout.api.HttpFetcher;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.api.UnitKind;
import dev.fanout.units.store.ObjectStore;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Downloads one image and stores it: the articles' picture downloader that saves each to a file.
 */
public final class ImageUnit implements Unit<ImageUnit.Input, ImageUnit.Output> {
  public static final int MAX_ID = 1_000_000;

  private final HttpFetcher fetcher;
  private final ObjectStore store;

  public record Input(int id, URI url) {}

  public record Output(int id, long bytes, String sha256, String storedAt) {}

  public ImageUnit(HttpFetcher fetcher, ObjectStore store) {
    this.fetcher = fetcher;
    this.store = store;
  }

  @Override
  public String name() {
    return "image";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.IO;
  }

  @Override
  public String exampleInput() {
    return "{\"id\": 0, \"url\": \"http://127.0.0.1:8080/id/0/200/300\"}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, Set.of("id", "url"), exampleInput());
    return new Input(
        UnitJson.requireInt(name(), input, "id", 0, MAX_ID),
        DownloadUnit.requireUrl(name(), input));
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    deadline.require(1, "image " + input.url());
    return save(input, fetcher.get(input.url()));
  }

  @Override
  public CompletableFuture<Output> runAsync(Input input, Deadline deadline, Executor loop) {
    return CompletableFuture.runAsync(() -> deadline.require(1, "image " + input.url()), loop)
        .thenComposeAsync(ready -> fetcher.getAsync(input.url(), loop), loop)
        .thenApplyAsync(f -> save(input, f), loop);
  }

  private Output save(Input input, Fetched fetched) {
    byte[] bytes = fetched.body();
    String key = "images/" + input.id() + extension(fetched.contentType());
    String storedAt = store.put(key, bytes, fetched.contentType());
    return new Output(input.id(), bytes.length, sha256(bytes), storedAt);
  }

  private static String extension(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("image/jpeg")) {
      return ".jpg";
    }
    if (type.startsWith("image/png")) {
      return ".png";
    }
    if (type.startsWith("image/webp")) {
      return ".webp";
    }
    return ".bin";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
