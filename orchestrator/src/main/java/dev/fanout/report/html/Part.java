package dev.fanout.report.html;

/** What a stretch of a task's bar stands for, and how it is drawn. */
enum Part implements Timeline.Fill {
  /** CPU time of the task's own code (the articles' blue). */
  CPU("c-cpu", "CPU time"),
  /** Wall time off the CPU: I/O, timers, a core to run on, the network (the articles' red). */
  WAIT("c-wait", "waiting: I/O, timers, a free core, the network"),
  /** A Lambda instance starting: the REPORT line's init duration on a cold start. */
  INIT("c-init", "Lambda cold start: init duration"),
  /** A Lambda handler running, per the REPORT line; Lambda does not say how much was CPU. */
  HANDLER("c-handler", "Lambda handler running (REPORT duration; CPU share not reported)"),
  /** A task whose CPU time cannot be measured (virtual threads): its wall time only. */
  UNMEASURED("c-unmeasured", "running, CPU time not measurable here (virtual threads)");

  final String cssClass;
  final String meaning;

  Part(String cssClass, String meaning) {
    this.cssClass = cssClass;
    this.meaning = meaning;
  }

  @Override
  public String cssClass() {
    return cssClass;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}
