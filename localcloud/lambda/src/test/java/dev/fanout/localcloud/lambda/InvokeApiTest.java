package dev.fanout.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.localcloud.http.HttpRequest;
import dev.fanout.localcloud.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InvokeApiTest {
  @Test
  void functionNames_asTheInvokeApiTakesThem() {
    assertThat(FunctionName.parse("Fib")).contains(new FunctionName(null, null, null, "Fib", null));
    assertThat(FunctionName.parse("Fib:live"))
        .contains(new FunctionName(null, null, null, "Fib", "live"));
    assertThat(FunctionName.parse("arn:aws:lambda:us-east-1:000000000000:function:Fib"))
        .contains(new FunctionName("aws", "us-east-1", "000000000000", "Fib", null));
    assertThat(
            FunctionName.parse(
                "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:Fib:$LATEST"))
        .contains(
            new FunctionName("aws-us-gov", "us-gov-west-1", "123456789012", "Fib", "$LATEST"));
    assertThat(FunctionName.parse("123456789012:function:Fib"))
        .contains(new FunctionName(null, null, "123456789012", "Fib", null));
  }

  @Test
  void namesOutsideAwsPattern_areNone() {
    assertThat(FunctionName.parse("arn:aws:lambda:eu-west-1:1:function:Fib")).isEmpty();
    assertThat(FunctionName.parse("Fib:live:more")).isEmpty();
    assertThat(FunctionName.parse("arn:aws:s3:::bucket")).isEmpty();
    assertThat(FunctionName.parse("")).isEmpty();
  }

  @Test
  void arns_carryThePartitionOfTheRegion() {
    assertThat(InvokeApi.arn("us-east-1", "Fib"))
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:Fib");
    assertThat(InvokeApi.arn("cn-north-1", "Fib"))
        .isEqualTo("arn:aws-cn:lambda:cn-north-1:000000000000:function:Fib");
  }

  @Test
  void answer_carriesAwsHeaders_andTheTailOnlyWhenAsked() {
    InvocationResult error =
        new InvocationResult(
            "rid", "{\"errorType\":\"X\"}".getBytes(StandardCharsets.UTF_8), true, "log");

    HttpResponse withTail = InvokeApi.answer(error, true);
    HttpResponse without = InvokeApi.answer(error, false);

    assertThat(withTail.status()).isEqualTo(200);
    assertThat(withTail.headers())
        .containsEntry("X-Amz-Function-Error", "Unhandled")
        .containsEntry("X-Amz-Executed-Version", "$LATEST")
        .containsEntry("x-amzn-RequestId", "rid")
        .containsEntry("X-Amz-Log-Result", "bG9n");
    assertThat(without.headers()).doesNotContainKey("X-Amz-Log-Result");
  }

  @Test
  void payloads_mustBeOneJsonValue() {
    assertThat(ErrorBodies.isJson(bytes("{\"n\": 1}"))).isTrue();
    assertThat(ErrorBodies.isJson(bytes("\"text\""))).isTrue();
    assertThat(ErrorBodies.isJson(bytes("{\"n\": "))).isFalse();
    assertThat(ErrorBodies.isJson(bytes("{} {}"))).isFalse();
    assertThat(ErrorBodies.isJson(bytes("not json"))).isFalse();
  }

  @Test
  void percentDecoding_keepsPlusSigns() {
    assertThat(HttpRequest.percentDecode("arn%3Aaws%3Alambda")).isEqualTo("arn:aws:lambda");
    assertThat(HttpRequest.percentDecode("a+b%24LATEST")).isEqualTo("a+b$LATEST");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
