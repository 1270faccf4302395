package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.localcloud.template.Resource;
import dev.fanout.localcloud.template.Template;
import dev.fanout.units.CoffeeUnit;
import dev.fanout.units.UnitCatalog;
import dev.fanout.units.UnitDependencies;
import dev.fanout.units.http.ApacheHttpFetcher;
import dev.fanout.units.http.DestinationPolicy;
import dev.fanout.units.http.FetchLimits;
import dev.fanout.units.ledger.LockedMemoryLedger;
import dev.fanout.units.store.InMemoryObjectStore;
import jakarta.inject.Named;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml, the handlers, the units and events/ agree: every function runs an existing handler
 * from function.zip, every handler has a function and a sample event, and every sample event is a
 * valid input of its unit.
 */
class TemplateConsistencyTest {
  private static final String STREAM_HANDLER =
      "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
  private static final String CODE_URI = "functions/lambda/target/function.zip";

  private static Path root;
  private static Template template;

  /** The handlers that run one unit, and those that run a pipeline stage fed by a queue. */
  private static Map<String, Class<?>> handlers;

  private static Map<String, Class<?>> stages;

  /** Each stage's sample record bodies are what it takes: an input of this unit, or of burger's. */
  private static final Map<String, String> STAGE_TAKES =
      Map.of("take-orders", "order", "cook-patties", "burger's order", "make-burgers", "burger");

  private static final String GENERIC = "unit";

  private static Class<?> genericHandler;
  private static ApacheHttpFetcher fetcher;
  private static UnitCatalog catalog;

  @BeforeAll
  static void load() throws Exception {
    root = Path.of(System.getProperty("fanoutRepoRoot", "../..")).toAbsolutePath().normalize();
    template = Template.read(root.resolve("template.yaml"));
    handlers = namedHandlers(UnitHandler.class);
    // The generic handler runs the unit FANOUT_UNIT names: a unit of your own, in a template of
    // your own; fanout's template has no function of its own for it.
    genericHandler = handlers.remove(GENERIC);
    stages = namedHandlers(QueueStageHandler.class);
    fetcher = ApacheHttpFetcher.create(FetchLimits.defaults(), DestinationPolicy.anyHttp());
    catalog =
        UnitCatalog.create(
            new UnitDependencies(
                fetcher,
                new InMemoryObjectStore(),
                URI.create("https://pokemondb.net/pokedex/"),
                new LockedMemoryLedger()));
  }

  @AfterAll
  static void close() {
    fetcher.close();
  }

  @Test
  void everyUnit_hasAHandlerOfItsName_andNoHandlerIsExtra() {
    assertThat(handlers.keySet()).containsExactlyInAnyOrderElementsOf(catalog.byName().keySet());
  }

  @Test
  void theGenericHandler_isThereForUnitsOfYourOwn_andNoUnitIsNamedLikeIt() {
    assertThat(genericHandler).isEqualTo(OwnUnitHandler.class);
    assertThat(catalog.byName()).doesNotContainKey(GENERIC);
  }

  @Test
  void everyStage_isOneTheTemplateFeedsFromAQueue() {
    assertThat(stages.keySet()).containsExactlyInAnyOrderElementsOf(STAGE_TAKES.keySet());
  }

  @Test
  void everyFunction_runsAnExistingHandlerFromFunctionZip() {
    Map<String, Map<String, Object>> functions = functions();
    assertThat(functions).isNotEmpty();
    functions.forEach(
        (id, properties) -> {
          String handler = handlerOf(properties);
          assertThat(allHandlers()).as("handler of %s", id).containsKey(handler);
          assertThat(id).isEqualTo(capitalized(handler) + "Function");
          assertThat(properties)
              .as(id)
              .containsEntry("Handler", STREAM_HANDLER)
              .containsEntry("CodeUri", CODE_URI);
        });
  }

  @Test
  void everyHandler_hasExactlyOneFunction_andItsNameInTheOutputs() {
    List<String> named = functions().values().stream().map(p -> handlerOf(p)).toList();
    assertThat(named).containsExactlyInAnyOrderElementsOf(allHandlers().keySet());

    for (String id : functions().keySet()) {
      assertThat(template.outputs()).containsKey(id + "Name");
      assertThat(template.outputs().get(id + "Name").value()).isEqualTo(Map.of("Ref", id));
    }
  }

  @Test
  void everyQueue_table_andBucket_isInTheOutputs_underItsIdWithUrlOrName() {
    // A deployed stack is read by these keys (scripts/fanout --stack): one rule, no exceptions.
    Map<String, String> suffixes =
        Map.of("AWS::SQS::Queue", "Url", "AWS::DynamoDB::Table", "Name", "AWS::S3::Bucket", "Name");
    suffixes.forEach(
        (type, suffix) -> {
          assertThat(template.resourcesOfType(type)).as(type).isNotEmpty();
          for (Resource resource : template.resourcesOfType(type)) {
            String id = resource.logicalId();
            assertThat(template.outputs()).as(id).containsKey(id + suffix);
            assertThat(template.outputs().get(id + suffix).value())
                .as(id)
                .isEqualTo(Map.of("Ref", id));
          }
        });
  }

  @Test
  void everyHandler_hasASampleEvent_thatIsValidInputOfItsUnit() throws IOException {
    Set<String> events;
    try (Stream<Path> files = Files.list(root.resolve("events"))) {
      events =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.endsWith(".json"))
              .map(name -> name.substring(0, name.length() - ".json".length()))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(events).containsExactlyInAnyOrderElementsOf(allHandlers().keySet());
    for (String name : stages.keySet()) {
      JsonNode event =
          UnitJson.parse(name, Files.readString(root.resolve("events/" + name + ".json")));
      assertThat(event.path("Records").isArray())
          .as("events/%s.json is an SQS event", name)
          .isTrue();
      assertThat(event.path("Records")).as("events/%s.json", name).isNotEmpty();
      for (JsonNode record : event.path("Records")) {
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
        JsonNode body = UnitJson.parse(name, record.path("body").asText());
        JsonNode input =
            STAGE_TAKES.get(name).equals("burger's order")
                ? UnitJson.parse(
                    "burger",
                    "{\"order\": " + body + ", \"patty\": {\"patty\": 1, \"cookedMillis\": 0}}")
                : body;
        Unit<?, ?> unit = catalog.unit(STAGE_TAKES.get(name).replace("burger's order", "burger"));
        assertThatNoException()
            .as("a record of events/%s.json", name)
            .isThrownBy(() -> unit.parse(input));
      }
    }
    for (String name : handlers.keySet()) {
      Unit<?, ?> unit = catalog.unit(name);
      String event = Files.readString(root.resolve("events/" + name + ".json"));
      assertThatNoException()
          .as("events/%s.json", name)
          .isThrownBy(() -> unit.parse(UnitJson.parse(name, event)));
    }
  }

  @Test
  void everyFanoutVariable_inTheTemplate_isASettingTheFunctionsRead() {
    Set<String> known = new TreeSet<>();
    settingNames("FANOUT", LambdaSettings.class, known);
    List<Map<String, Object>> environments = new ArrayList<>();
    environments.add(template.globals().get("Function"));
    environments.addAll(functions().values());
    for (Map<String, Object> properties : environments) {
      variables(properties).keySet().stream()
          .filter(name -> name.startsWith("FANOUT_"))
          .forEach(name -> assertThat(known).as("settings").contains(name));
    }
  }

  @Test
  void onlyTheImageAndTransferFunctionsAndTheStages_haveAPolicy() {
    Set<String> stageFunctions =
        stages.keySet().stream().map(s -> capitalized(s) + "Function").collect(Collectors.toSet());
    functions()
        .forEach(
            (id, properties) -> {
              if (!id.equals("ImageFunction")
                  && !id.equals("TransferFunction")
                  && !stageFunctions.contains(id)) {
                assertThat(properties).as(id).doesNotContainKeys("Policies", "Role");
              }
            });
  }

  @Test
  void everyStage_isFedByOneQueueWithADeadLetterQueue_andMaySendOnlyToItsNextQueue() {
    for (String stage : stages.keySet()) {
      Map<String, Object> function = functions().get(capitalized(stage) + "Function");
      Map<String, Object> events = map(function.get("Events"));
      assertThat(events).as(stage).hasSize(1);
      Map<String, Object> event = map(events.values().iterator().next());
      assertThat(event).containsEntry("Type", "SQS");
      Map<String, Object> properties = map(event.get("Properties"));
      assertThat(properties.get("FunctionResponseTypes"))
          .isEqualTo(List.of("ReportBatchItemFailures"));
      String fedBy = (String) ((List<?>) map(properties.get("Queue")).get("Fn::GetAtt")).get(0);
      Map<String, Object> redrive =
          map(template.resource(fedBy).orElseThrow().properties().get("RedrivePolicy"));
      assertThat(redrive.get("deadLetterTargetArn"))
          .isEqualTo(Map.of("Fn::GetAtt", List.of("BurgerDeadLetterQueue", "Arn")));
      assertThat(function.get("Timeout")).isEqualTo(Map.of("Ref", "StageTimeout"));

      String next = (String) map(variables(function).get("FANOUT_STAGE_NEXT_QUEUE_URL")).get("Ref");
      assertThat(template.resource(next).orElseThrow().type()).isEqualTo("AWS::SQS::Queue");
      List<?> policies = (List<?>) function.get("Policies");
      assertThat(policies.get(0))
          .as("%s sends to %s only", stage, next)
          .isEqualTo(
              Map.of(
                  "SQSSendMessagePolicy",
                  Map.of("QueueName", Map.of("Fn::GetAtt", List.of(next, "QueueName")))));
      assertThat(policies).as(stage).hasSize(stage.equals("make-burgers") ? 2 : 1);
    }
  }

  @Test
  void theImageFunction_mayOnlyPutObjectsUnderItsPrefix() {
    List<?> policies = (List<?>) functions().get("ImageFunction").get("Policies");
    assertThat(policies).hasSize(1);
    List<Object> statements = List.copyOf((List<?>) map(policies.get(0)).get("Statement"));
    assertThat(statements)
        .containsExactly(
            (Object)
                Map.of(
                    "Effect", "Allow",
                    "Action", "s3:PutObject",
                    "Resource",
                        Map.of(
                            "Fn::Sub",
                            "arn:${AWS::Partition}:s3:::${ImagesBucket}/${ImagePrefix}*")));
  }

  @Test
  void theTransferFunction_mayOnlyTransactOnTheLedgerTable() {
    Map<String, Object> transfer = functions().get("TransferFunction");
    assertThat(variables(transfer))
        .containsEntry("FANOUT_LEDGER_TABLE", Map.of("Ref", "LedgerTable"));
    List<?> policies = (List<?>) transfer.get("Policies");
    assertThat(policies).hasSize(1);
    List<Object> statements = List.copyOf((List<?>) map(policies.get(0)).get("Statement"));
    assertThat(statements)
        .containsExactly(
            (Object)
                Map.of(
                    "Effect", "Allow",
                    "Action", List.of("dynamodb:UpdateItem", "dynamodb:PutItem"),
                    "Resource", Map.of("Fn::GetAtt", List.of("LedgerTable", "Arn")),
                    "Condition",
                        Map.of(
                            "ForAnyValue:StringEquals",
                            Map.of("dynamodb:EnclosingOperation", "TransactWriteItems"))));
    Resource table = template.resource("LedgerTable").orElseThrow();
    assertThat(table.type()).isEqualTo("AWS::DynamoDB::Table");
    assertThat(table.properties().get("KeySchema"))
        .isEqualTo(List.of(Map.of("AttributeName", "id", "KeyType", "HASH")));
    assertThat(map(table.properties().get("TimeToLiveSpecification")))
        .containsEntry("AttributeName", "expiresAt");
  }

  @Test
  void theCoffeeFunction_servesTheSampleOrder_butTimesOutOnAComplexOne() throws IOException {
    Map<String, Map<String, Object>> functions = functions();
    Object timeout = functions.get("CoffeeFunction").get("Timeout");
    assertThat(timeout).isEqualTo(2);
    long timeoutMillis = 2_000;

    CoffeeUnit coffee = (CoffeeUnit) catalog.unit("coffee");
    CoffeeUnit.Input sample =
        coffee.parse(
            UnitJson.parse("coffee", Files.readString(root.resolve("events/coffee.json"))));
    // Room to spare for the sample, which a first invocation runs on a cold JVM.
    assertThat(CoffeeUnit.waitMillis(sample)).isLessThan(timeoutMillis / 2);
    CoffeeUnit.Input complex =
        new CoffeeUnit.Input(
            CoffeeUnit.Drink.MOCHA,
            Collections.nCopies(
                CoffeeUnit.MAX_EMBELLISHMENTS, CoffeeUnit.Embellishment.MARSHMALLOWS));
    assertThat(CoffeeUnit.waitMillis(complex)).isGreaterThan(timeoutMillis);

    functions.forEach(
        (id, properties) -> {
          if (!id.equals("CoffeeFunction") && !properties.containsKey("Events")) {
            assertThat(properties.get("Timeout")).as(id).isEqualTo(Map.of("Ref", "Timeout"));
          }
        });
  }

  /** The template's AWS::Serverless::Function resources' properties, Globals merged in. */
  private static Map<String, Map<String, Object>> functions() {
    Map<String, Map<String, Object>> functions = new TreeMap<>();
    for (Resource function : template.resourcesOfType("AWS::Serverless::Function")) {
      functions.put(function.logicalId(), function.properties());
    }
    return functions;
  }

  private static String handlerOf(Map<String, Object> properties) {
    return (String) variables(properties).get("QUARKUS_LAMBDA_HANDLER");
  }

  private static Map<String, Object> variables(Map<String, Object> properties) {
    Object environment = properties.get("Environment");
    return environment == null ? Map.of() : map(map(environment).get("Variables"));
  }

  private static Map<String, Class<?>> allHandlers() {
    Map<String, Class<?>> all = new TreeMap<>(handlers);
    all.putAll(stages);
    return all;
  }

  /** The non-abstract handlers of {@code kind} in this module, by their @Named value. */
  private static Map<String, Class<?>> namedHandlers(Class<?> kind) throws Exception {
    Path classes =
        Path.of(UnitHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve(UnitHandler.class.getPackageName().replace('.', '/'));
    Map<String, Class<?>> named = new TreeMap<>();
    try (Stream<Path> files = Files.list(classes)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.contains("$")) {
          continue;
        }
        Class<?> type =
            Class.forName(
                UnitHandler.class.getPackageName()
                    + "."
                    + name.substring(0, name.length() - ".class".length()));
        if (kind.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
          Named annotation = type.getAnnotation(Named.class);
          assertThat(annotation).as("@Named on %s", type).isNotNull();
          named.put(annotation.value(), type);
        }
      }
    }
    return named;
  }

  /** FANOUT_POKEDEX_BASE and so on: the environment names of LambdaSettings' properties. */
  private static void settingNames(String prefix, Class<?> group, Set<String> names) {
    for (Method method : group.getDeclaredMethods()) {
      String name =
          prefix
              + "_"
              + method.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
      if (method.getReturnType().getEnclosingClass() == LambdaSettings.class) {
        settingNames(name, method.getReturnType(), names);
      } else {
        names.add(name);
      }
    }
  }

  /** {@code fib} as {@code Fib}, {@code take-orders} as {@code TakeOrders}. */
  private static String capitalized(String name) {
    StringBuilder camel = new StringBuilder();
    for (String word : name.split("-")) {
      camel.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return camel.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }
}
