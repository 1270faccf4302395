package dev.fanout.localcloud.origin;

/** One picsum-style image: which picture ({@code id}) at which size. */
record ImageSpec(int id, int width, int height) {

  static final int MAX_ID = 9_999;
  static final int MAX_SIDE = 2_000;

  ImageSpec {
    check("id", id, 0, MAX_ID);
    check("width", width, 1, MAX_SIDE);
    check("height", height, 1, MAX_SIDE);
  }

  /** Reads {@code id}, {@code width} and {@code height} from path segments. */
  static ImageSpec parse(String id, String width, String height) {
    return new ImageSpec(
        segment("id", id, 0, MAX_ID),
        segment("width", width, 1, MAX_SIDE),
        segment("height", height, 1, MAX_SIDE));
  }

  private static int segment(String name, String text, int min, int max) {
    return (int)
        Numbers.parse(text, min, max)
            .orElseThrow(() -> new BadRequest(message(name, min, max, "'" + text + "'")));
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(message(name, min, max, Integer.toString(value)));
    }
  }

  private static String message(String name, int min, int max, String got) {
    return "image " + name + " must be a whole number in " + min + ".." + max + ", got " + got;
  }
}
