package dev.fanout.localcloud.origin;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws and encodes the origin's images: a gradient with shapes, all chosen by the image's id and
 * laid out in proportion to its size, so every size of an id shows the same picture, scaled.
 */
final class Images {

  private static final float JPEG_QUALITY = 0.85f;

  private Images() {}

  /** The JPEG bytes for {@code spec}: the same bytes every time for the same spec. */
  static byte[] jpeg(ImageSpec spec) {
    return encode(draw(spec));
  }

  static BufferedImage draw(ImageSpec spec) {
    int width = spec.width();
    int height = spec.height();
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      // java.util.Random's sequence is fixed by its specification, so pictures never change.
      Random random = new Random(0x1A6E5L * (spec.id() + 1));
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setPaint(
          new GradientPaint(
              0,
              0,
              new Color(random.nextInt(0x100_0000)),
              width,
              height,
              new Color(random.nextInt(0x100_0000))));
      g.fillRect(0, 0, width, height);
      int shapes = 5 + random.nextInt(8);
      for (int i = 0; i < shapes; i++) {
        g.setColor(new Color(random.nextInt(0x100_0000) | (96 + random.nextInt(128)) << 24, true));
        double x = random.nextDouble() * width;
        double y = random.nextDouble() * height;
        double w = (0.1 + random.nextDouble() * 0.4) * width;
        double h = (0.1 + random.nextDouble() * 0.4) * height;
        switch (random.nextInt(3)) {
          case 0 -> g.fill(new Ellipse2D.Double(x - w / 2, y - h / 2, w, h));
          case 1 -> g.fill(new Rectangle2D.Double(x - w / 2, y - h / 2, w, h));
          default -> {
            Path2D.Double triangle = new Path2D.Double();
            triangle.moveTo(x, y - h / 2);
            triangle.lineTo(x + w / 2, y + h / 2);
            triangle.lineTo(x - w / 2, y + h / 2);
            triangle.closePath();
            g.fill(triangle);
          }
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static byte[] encode(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16_384);
    // An in-memory stream: ImageIO's default cache would write a temporary file per image.
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode a JPEG in memory: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
