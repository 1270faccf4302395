package dev.fanout.localcloud.origin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The two static pages of the articles' download workload, built once: a Jython home page of about
 * 13 KB (for https://www.jython.org) and a dice page of about 1.1 KB (for
 * http://olympus.realpython.org/dice).
 */
final class Pages {

  static final List<String> NAMES = List.of("jython", "dice");

  private static final byte[] JYTHON = jython().getBytes(StandardCharsets.UTF_8);
  private static final byte[] DICE = dice().getBytes(StandardCharsets.UTF_8);

  private Pages() {}

  /** The page's bytes (UTF-8 HTML), or null when there is no page of that name. */
  static byte[] page(String name) {
    return switch (name) {
      case "jython" -> JYTHON;
      case "dice" -> DICE;
      default -> null;
    };
  }

  private static String jython() {
    StringBuilder html = new StringBuilder(16_384);
    html.append(
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Home | Jython</title>
          <link rel="stylesheet" href="/css/site.css">
        </head>
        <body>
        <header class="site-header">
          <a class="logo" href="/pages/jython">Jython</a>
          <nav>
            <ul>
              <li><a href="#about">About</a></li>
              <li><a href="#download">Download</a></li>
              <li><a href="#documentation">Documentation</a></li>
              <li><a href="#community">Community</a></li>
              <li><a href="#news">News</a></li>
            </ul>
          </nav>
        </header>
        <main>
        <h1>Jython: Python for the Java Platform</h1>
        <p class="lead">The Jython project provides implementations of Python in Java, providing
        to Python the benefits of running on the JVM and access to classes written in Java.</p>
        """);
    String[][] sections = {
      {
        "about",
        "About",
        "Jython is an implementation of the Python language designed to run on the Java"
            + " platform. It compiles Python source to Java bytecode and runs it on any JVM."
      },
      {
        "download",
        "Download",
        "The current release is distributed as a standalone jar and as an installer. Both"
            + " contain the standard library and run on Java 8 and later."
      },
      {
        "documentation",
        "Documentation",
        "The user guide explains how to embed Jython in a Java application, how to call Java"
            + " classes from Python code, and how to package scripts for deployment."
      },
      {
        "community",
        "Community",
        "Questions, bug reports and patches are welcome on the mailing lists and the issue"
            + " tracker. Contributors review each other's work before it is merged."
      },
      {
        "news",
        "News",
        "Each release note lists the fixed issues, the compatibility changes and the"
            + " contributors who made the release possible."
      },
    };
    for (String[] section : sections) {
      html.append("<section id=\"").append(section[0]).append("\">\n");
      html.append("  <h2>").append(section[1]).append("</h2>\n");
      for (int paragraph = 1; paragraph <= 7; paragraph++) {
        html.append("  <p>")
            .append(section[2])
            .append(" Paragraph ")
            .append(paragraph)
            .append(" of the ")
            .append(section[1].toLowerCase(Locale.ROOT))
            .append(" section adds the detail a reader needs before moving on to the next.</p>\n");
      }
      html.append("  <ul>\n");
      for (int item = 1; item <= 10; item++) {
        html.append("    <li><a href=\"#")
            .append(section[0])
            .append('-')
            .append(item)
            .append("\">")
            .append(section[1])
            .append(" topic ")
            .append(item)
            .append("</a></li>\n");
      }
      html.append("  </ul>\n</section>\n");
    }
    html.append(
        """
        <section id="example">
          <h2>A first script</h2>
          <pre><code>from java.lang import System
        from java.util import ArrayList

        names = ArrayList()
        for name in ["alpha", "beta", "gamma"]:
            names.add(name.upper())
        System.out.println(names)</code></pre>
        </section>
        </main>
        <footer>
          <p>Copyright the Jython developers. Content served by the fanout local origin.</p>
        </footer>
        </body>
        </html>
        """);
    return html.toString();
  }

  private static String dice() {
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Dice Roll</title>
        </head>
        <body style="background-color:white">
        <h1>Roll the dice</h1>
        <p>Each reload of this page would roll a fresh die on the real site; the local origin
        always shows the same roll, so that downloads are identical and comparable.</p>
        <table>
          <tr><th>Die</th><th>Faces</th><th>Result</th></tr>
          <tr><td>first</td><td>6</td><td>4</td></tr>
          <tr><td>second</td><td>6</td><td>2</td></tr>
        </table>
        <form method="get" action="/pages/dice">
          <button type="submit">Roll again</button>
        </form>
        <h2>Recent rolls</h2>
        <ol class="history">
          <li>Roll 1: 3 and 5</li>
          <li>Roll 2: 6 and 6</li>
          <li>Roll 3: 1 and 4</li>
          <li>Roll 4: 2 and 2</li>
          <li>Roll 5: 5 and 3</li>
          <li>Roll 6: 4 and 1</li>
          <li>Roll 7: 6 and 2</li>
          <li>Roll 8: 3 and 3</li>
        </ol>
        <p>Rolling dice is a classic first exercise for web scraping: the page is small, its
        structure is simple, and the one number that changes is easy to find. The history above
        shows what a scraper that reloads the page would collect on the real site.</p>
        </body>
        </html>
        """;
  }
}
