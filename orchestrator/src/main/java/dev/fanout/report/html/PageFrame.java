package dev.fanout.report.html;

import java.util.Map;

/**
 * The frame every page of the report shares: the head with the one style sheet, the header with the
 * command, the facts and the links to the page's sections, the notes, and the footer.
 */
final class PageFrame {
  private PageFrame() {}

  /**
   * Opens the page, up to and including {@code page}'s notes.
   *
   * @param css the style sheet: {@link PageStyle#CSS} and what the page adds to it
   * @param sections links to the page's sections, by anchor; none when there is one section
   */
  static void open(
      StringBuilder html, HtmlReport.Page page, String css, Map<String, String> sections) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(Html.text(page.title()))
        .append("</title><style>")
        .append(css)
        .append("</style></head><body>\n");
    html.append(PageStyle.SVG_DEFS);
    html.append("<header><h1>").append(Html.text(page.title())).append("</h1>");
    html.append("<p class=\"meta\"><code>")
        .append(Html.text(page.command()))
        .append("</code> · ")
        .append(Html.text(page.generated()))
        .append("</p><ul class=\"facts\">");
    for (String fact : page.facts()) {
      html.append("<li>").append(Html.text(fact)).append("</li>");
    }
    html.append("</ul>");
    if (sections.size() > 1) {
      html.append("<nav>");
      sections.forEach(
          (anchor, label) ->
              html.append("<a href=\"#")
                  .append(Html.text(anchor))
                  .append("\">")
                  .append(Html.text(label))
                  .append("</a> "));
      html.append("</nav>");
    }
    html.append("</header>\n");
    for (String note : page.notes()) {
      html.append("<pre class=\"note\">").append(Html.text(note)).append("</pre>\n");
    }
  }

  /** Closes the page with a footer that says how to read its times. */
  static void close(StringBuilder html, String footer) {
    html.append("<footer>").append(Html.text(footer)).append("</footer>\n</body></html>\n");
  }

  /** An element id made of {@code name}: the characters an id and a link carry as they are. */
  static String anchor(String name) {
    return "w-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
