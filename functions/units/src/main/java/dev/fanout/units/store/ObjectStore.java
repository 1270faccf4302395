package dev.fanout.units.store;

/** Where units put what they produce: a directory locally, S3 in the cloud. */
public interface ObjectStore {

  /**
   * Stores {@code bytes} under {@code key}, replacing what was there.
   *
   * @return where it was stored: a file path, or {@code s3://bucket/key}
   */
  String put(String key, byte[] bytes, String contentType);
}
