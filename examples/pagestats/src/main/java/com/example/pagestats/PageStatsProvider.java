package com.example.pagestats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitContext;
import dev.fanout.api.UnitProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers {@link PageStatsUnit} with fanout (named in
 * META-INF/services/dev.fanout.api.UnitProvider). Its task list: the two pages of the articles'
 * downloads and 18 Pokedex pages, all on fanout's local origin.
 */
public final class PageStatsProvider implements UnitProvider {
  @Override
  public Unit<?, ?> create(UnitContext context) {
    return new PageStatsUnit(context.fetcher());
  }

  @Override
  public List<JsonNode> tasks(URI origin) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    List<JsonNode> tasks = new ArrayList<>();
    tasks.add(json.objectNode().put("url", origin + "/pages/jython"));
    tasks.add(json.objectNode().put("url", origin + "/pages/dice"));
    for (int number = 1; number <= 18; number++) {
      tasks.add(json.objectNode().put("url", origin + "/pokedex/" + number));
    }
    return tasks;
  }

  @Override
  public String describeTasks() {
    return "word counts and checksums of 20 pages";
  }
}
