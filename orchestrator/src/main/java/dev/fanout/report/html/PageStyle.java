package dev.fanout.report.html;

/**
 * The parts of the page that are the same in every report: the style sheet, the SVG patterns the
 * diagrams refer to, and the legend that explains their colours and marks.
 */
final class PageStyle {
  private PageStyle() {}

  /** Patterns every diagram refers to, defined once for the page. */
  static final String SVG_DEFS =
      "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>"
          + "<pattern id=\"hatch-handler\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
          + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#9dbcf0\"/>"
          + "<rect width=\"3\" height=\"6\" fill=\"#2f6fd6\"/></pattern>"
          + "<pattern id=\"hatch-unmeasured\" width=\"6\" height=\"6\""
          + " patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\""
          + " height=\"6\" fill=\"#d5d9de\"/><rect width=\"3\" height=\"6\" fill=\"#8c96a3\"/>"
          + "</pattern></defs></svg>\n";

  static final String LEGEND =
      "<section class=\"legend\"><h2>How to read the diagrams</h2><ul>"
          + swatch("c-cpu", Part.CPU.meaning + " (blue, as in the articles)")
          + swatch("c-wait", Part.WAIT.meaning + " (red, as in the articles)")
          + swatch("c-unmeasured", Part.UNMEASURED.meaning)
          + swatch("c-handler", Part.HANDLER.meaning)
          + swatch("c-init", Part.INIT.meaning)
          + "<li><svg viewBox=\"0 0 18 12\"><path class=\"mark-cold\" d=\"M9 1l5 5h-10z\"/></svg>"
          + " a cold start: a new Lambda instance</li>"
          + "<li><svg viewBox=\"0 0 18 12\"><rect class=\"c-handler\" x=\"1\" y=\"2\" width=\"16\""
          + " height=\"8\"/><rect class=\"outline-throttled\" x=\"1\" y=\"2\" width=\"16\""
          + " height=\"8\"/></svg> throttled (429) and retried</li>"
          + "<li><svg viewBox=\"0 0 18 12\"><rect class=\"c-wait\" x=\"1\" y=\"2\" width=\"12\""
          + " height=\"8\"/><rect class=\"outline-failed\" x=\"1\" y=\"2\" width=\"12\" height=\"8\"/>"
          + "<path class=\"mark-failed\" d=\"M10 3l6 6m0 -6l-6 6\"/></svg> failed</li>"
          + "</ul><p>One lane per thread, worker JVM or Lambda instance; one bar per task, from"
          + " its start to its end. Only a task's CPU <em>share</em> is measured, not when it ran,"
          + " so blue is drawn first. On more threads than cores, waiting includes waiting for a"
          + " core. Under each diagram: tasks in flight over time, with the strategy's limit.</p>"
          + "</section>\n";

  /** What the lunch's page adds to {@link #CSS}: stage colours, queue and latency charts. */
  static final String LUNCH_CSS =
      """
      svg.traces,svg.latency{display:block;width:100%;height:auto}
      .stage-0{fill:#1b9aaa}.stage-1{fill:#f2a33a}.stage-2{fill:#7d5fd3}.stage-3{fill:#3a9d5d}
      .stage-4{fill:#c2477f}.stage-5{fill:#8c6d3f}.stage-6{fill:#5b8def}.stage-7{fill:#9aa53a}
      .stage-other{fill:#8c96a3}
      .trace-area{fill:#5b8def;opacity:.75}.trace-base{stroke:#c3cad3}
      .capacity-line{stroke:#1d232b;stroke-width:1.2;stroke-dasharray:5 3}
      .latency-bin{fill:#3a9d5d}.pct-line{stroke:#1d232b;stroke-width:1.2;stroke-dasharray:3 2}
      .pct-label-end{text-anchor:end}.empty{fill:#5b6675}
      ul.stages{list-style:none;padding:0;margin:6px 0}ul.stages li{display:inline-block;margin-right:14px}
      ul.stages svg{width:22px;height:14px;vertical-align:middle}
      .table-box{overflow-x:auto}table.menu-runs th{white-space:normal;vertical-align:bottom}
      table.menu-runs th,table.menu-runs td{padding:3px 6px}
      table.menu-runs th[colspan]{text-align:center}table.menu-runs td.facts{min-width:10em}
      """;

  static final String LUNCH_LEGEND =
      "<section class=\"legend\"><h2>How to read the lunch</h2><ul>"
          + "<li>One lane per worker: a thread, the event loop, a worker JVM or a Lambda"
          + " instance, named as it was.</li>"
          + "<li><svg viewBox=\"0 0 18 12\"><rect class=\"device-bg\" x=\"1\" y=\"1\""
          + " width=\"16\" height=\"10\"/></svg> below the rule, tinted: the grill's positions,"
          + " a device that cooks on its own while the staff do other things</li>"
          + "<li>One bar per piece of work, from its start to its end, coloured by its stage (the"
          + " key is above each menu's runs); hover a bar for what it was.</li>"
          + "<li><svg viewBox=\"0 0 18 12\"><rect class=\"stage-other\" x=\"1\" y=\"2\""
          + " width=\"12\" height=\"8\"/><rect class=\"outline-failed\" x=\"1\" y=\"2\""
          + " width=\"12\" height=\"8\"/><path class=\"mark-failed\" d=\"M10 3l6 6m0 -6l-6 6\"/>"
          + "</svg> failed: hover it for why</li>"
          + "<li><svg viewBox=\"0 0 18 12\"><path class=\"trace-area\" d=\"M1 11V7H7V3H12V8H17V11Z\"/>"
          + "<line class=\"capacity-line\" x1=\"1\" y1=\"3\" x2=\"17\" y2=\"3\"/></svg> under"
          + " the lanes, on the same time axis: each queue's depth, its capacity dashed when it"
          + " has one (the five open orders), and the bowls in use or the instances alive</li>"
          + "<li><svg viewBox=\"0 0 18 12\"><rect class=\"latency-bin\" x=\"2\" y=\"5\""
          + " width=\"4\" height=\"6\"/><rect class=\"latency-bin\" x=\"7\" y=\"2\" width=\"4\""
          + " height=\"9\"/><line class=\"pct-line\" x1=\"14\" y1=\"1\" x2=\"14\" y2=\"11\"/>"
          + "</svg> the orders' latency, from arriving to being served: how many took how long,"
          + " with p50, p95 and max marked</li>"
          + "</ul></section>\n";

  private static String swatch(String cssClass, String meaning) {
    return "<li><svg viewBox=\"0 0 18 12\"><rect class=\""
        + cssClass
        + "\" x=\"1\" y=\"2\" width=\"16\" height=\"8\"/></svg> "
        + Html.text(meaning)
        + "</li>";
  }

  static final String CSS =
      """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;\
      color:#1d232b;background:#fff;margin:0 auto;max-width:1100px;padding:16px 24px}
      h1{font-size:24px;margin:8px 0}h2{font-size:20px;margin:28px 0 4px;border-top:2px solid #e3e7ec;\
      padding-top:14px}h3{font-size:15px;margin:18px 0 4px}
      .meta,.sub,.caption,footer{color:#5b6675}.sub{font-weight:normal;font-size:13px}
      .verdict{font-weight:600;margin:6px 0 10px}
      .facts{margin:4px 0;padding-left:18px;color:#3b4552}nav a{margin-right:10px}
      code{font:12px ui-monospace,"DejaVu Sans Mono",monospace;background:#f3f5f8;padding:1px 4px}
      pre.note{background:#f6f8fb;border-left:4px solid #2f6fd6;padding:10px 12px;white-space:pre-wrap}
      table{border-collapse:collapse;margin:8px 0;font-size:13px}
      th,td{border-bottom:1px solid #e3e7ec;padding:3px 8px;text-align:right;vertical-align:top;\
      white-space:nowrap}td:last-child{white-space:normal}
      th:first-child,td:first-child,td:last-child,th:last-child{text-align:left}
      .failure{color:#b3261e}
      svg.timing,svg.inflight,svg.speedup{display:block;width:100%;height:auto}
      svg.defs{position:absolute}
      svg text{font:11px system-ui,"DejaVu Sans",sans-serif;fill:#3b4552}
      .lane-label,.lane-count{text-anchor:end}.limit-label{text-anchor:end;fill:#5b6675}.limit-label-left{fill:#2f6fd6}
      .panel-title{font-weight:600}.value{fill:#1d232b}
      .lane-bg{fill:#f4f6f9}.lane-bg.device-bg,.device-bg{fill:#fcecd5}
      .device-rule{stroke:#c9a46a;stroke-dasharray:2 2}
      .c-cpu{fill:#2f6fd6}.c-wait{fill:#e04b3f}.c-init{fill:#f2a33a}
      .c-handler{fill:url(#hatch-handler)}.c-unmeasured{fill:url(#hatch-unmeasured)}
      .outline-failed{fill:none;stroke:#111;stroke-width:1.4}
      .outline-throttled{fill:none;stroke:#ff8f00;stroke-width:1.4;stroke-dasharray:3 2}
      .mark-failed{stroke:#111;stroke-width:1.6;fill:none}.mark-cold{fill:#0b2e59}
      .mark-throttled{fill:#ff8f00}
      .axis line{stroke:#8c96a3}.axis text{text-anchor:middle}
      .inflight-area{fill:#7d5fd3;opacity:.75}
      .limit-workers,.limit-cores{stroke-width:1.2;stroke-dasharray:5 3}
      .limit-workers{stroke:#1d232b}.limit-cores{stroke:#2f6fd6}
      .bar-speedup{fill:#2f6fd6}.bar-efficiency{fill:#3a9d5d}
      .limit-tick{stroke:#1d232b;stroke-width:2;stroke-dasharray:3 2}
      .limit-line{stroke:#1d232b;stroke-width:1.5;stroke-dasharray:4 3}.one-x{stroke:#8c96a3}
      .legend ul{list-style:none;padding:0;columns:2}.legend li{margin:2px 0}
      .legend svg{width:22px;height:14px;vertical-align:middle}
      .lambda{background:#fbf7ee;border:1px solid #f0e2bf;padding:6px 12px;margin:6px 0}
      .lambda dl{display:grid;grid-template-columns:max-content auto;gap:2px 14px;margin:4px 0}
      .lambda dt{color:#5b6675}.lambda dd{margin:0}
      .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
      .badge-local{background:#f2a33a;color:#2b1a00}.badge-remote{background:#2f6fd6;color:#fff}
      details.failures{margin:6px 0}details.failures td{text-align:left}
      footer{margin:32px 0 8px;font-size:12px}
      """;
}
