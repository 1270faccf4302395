package dev.fanout.localcloud.lambda;

import static dev.fanout.localcloud.lambda.LambdaTestClients.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The Invoke API's FunctionName as AWS takes it, through the AWS SDK against a local Lambda service
 * in eu-west-1: a name, a partial ARN or a full ARN of the service's own account and region are
 * invoked; an ARN of another region is not found there, one of another account is denied, and a
 * name that is neither is a validation error, as AWS answers them.
 */
class LocalLambdaArnsIT {
  private static final String ARN = "arn:aws:lambda:eu-west-1:000000000000:function:FibFunction";

  private static LocalLambdaService service;
  private static LambdaClient lambda;

  @BeforeAll
  static void start() {
    LambdaTestClients.assumeFunctionZipBuilt();
    service = LocalLambdaService.start(LambdaTestClients.options().region("eu-west-1").build());
    lambda = LambdaTestClients.client(service.endpoint());
  }

  @AfterAll
  static void stop() {
    if (lambda != null) {
      lambda.close();
    }
    if (service != null) {
      service.close();
    }
  }

  private static InvokeResponse dryRun(String functionName) {
    return lambda.invoke(b -> b.functionName(functionName).invocationType(InvocationType.DRY_RUN));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "FibFunction",
        "FibFunction:$LATEST",
        "000000000000:function:FibFunction",
        "000000000000:function:FibFunction:live",
        ARN,
        ARN + ":$LATEST"
      })
  void theServicesOwnNamesAndArns_areInvoked(String functionName) {
    assertThat(dryRun(functionName).statusCode()).isEqualTo(204);
  }

  @Test
  void aFullArn_runsTheFunction() {
    InvokeResponse response =
        lambda.invoke(
            b -> b.functionName(ARN + ":live").payload(SdkBytes.fromUtf8String("{\"n\":10}")));

    assertThat(payload(response)).isEqualTo("{\"n\":10,\"value\":34}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:lambda:us-east-1:000000000000:function:FibFunction",
        "arn:aws:lambda:us-east-1:123456789012:function:FibFunction:$LATEST"
      })
  void anArnOfAnotherRegion_isNotFoundHere(String functionName) {
    assertThatThrownBy(() -> dryRun(functionName))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "Functions from 'us-east-1' are not reachable in this region"
                          + " ('eu-west-1')");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:lambda:eu-west-1:123456789012:function:FibFunction",
        "123456789012:function:FibFunction"
      })
  void anArnOfAnotherAccount_isDenied(String functionName) {
    assertThatThrownBy(() -> dryRun(functionName))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("is not authorized to perform: lambda:InvokeFunction on resource:")
                  .contains("arn:aws:lambda:eu-west-1:123456789012:function:FibFunction");
            });
  }

  @Test
  void anArnOfTheServicesAccount_forAFunctionItLacks_isNotFound() {
    assertThatThrownBy(() -> dryRun("arn:aws:lambda:eu-west-1:000000000000:function:Nope"))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo(
                        "Function not found:"
                            + " arn:aws:lambda:eu-west-1:000000000000:function:Nope"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:lambda:eu-west-1:12345:function:FibFunction",
        "arn:aws:s3:::bucket",
        "Fib Function",
        "FibFunction:live:extra"
      })
  void aNameThatIsNeither_isAValidationError(String functionName) {
    assertThatThrownBy(() -> dryRun(functionName))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .startsWith(
                      "1 validation error detected: Value '"
                          + functionName
                          + "' at 'functionName' failed to satisfy constraint");
            });
  }
}
