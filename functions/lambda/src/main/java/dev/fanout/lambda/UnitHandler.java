package dev.fanout.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitException;
import dev.fanout.api.UnitJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs one unit as a Lambda function: the raw event in, the unit's JSON out, a typed function error
 * (errorType InvalidInput, FetchFailed, StoreFailed or DeadlineExceeded) on failure.
 *
 * <p>Each handler has two constructors: the runtime's ({@code @Inject}), which takes the units from
 * {@link LambdaClients}, built once per instance, and a package-private one that takes the unit's
 * dependencies, for tests.
 *
 * <p>A stream handler rather than a {@code RequestHandler<JsonNode, JsonNode>}: Quarkus would parse
 * the event before the handler runs, and malformed JSON would come back as a Jackson exception
 * instead of InvalidInput.
 */
abstract class UnitHandler implements RequestStreamHandler {
  private final Unit<?, ?> unit;
  private final Duration deadlineMargin;

  UnitHandler(Unit<?, ?> unit, Duration deadlineMargin) {
    this.unit = unit;
    this.deadlineMargin = deadlineMargin;
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    byte[] result;
    try {
      JsonNode request = UnitJson.parse(unit.name(), event);
      JsonNode response =
          unit.call(request, LambdaDeadline.of(context, deadlineMargin, System::nanoTime));
      result = UnitJson.mapper().writeValueAsBytes(response);
    } catch (UnitException failure) {
      throw LambdaErrors.typed(failure);
    }
    output.write(result);
  }
}
