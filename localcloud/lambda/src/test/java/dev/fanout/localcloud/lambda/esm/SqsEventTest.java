package dev.fanout.localcloud.lambda.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The event a mapping sends reads as an SQSEvent, the way Lambda's Java runtime reads it. */
class SqsEventTest {
  @Test
  void aBatch_readsAsAnSqsEvent_withEveryRecordsFields() {
    Message first =
        Message.builder()
            .messageId("id-1")
            .receiptHandle("receipt-1")
            .body("{\"customer\": 7}")
            .md5OfBody("md5-1")
            .attributes(
                Map.of(
                    MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2",
                    MessageSystemAttributeName.SENT_TIMESTAMP, "1764763200000"))
            .messageAttributes(
                Map.of(
                    "table",
                    MessageAttributeValue.builder().dataType("String").stringValue("4").build(),
                    "photo",
                    MessageAttributeValue.builder()
                        .dataType("Binary")
                        .binaryValue(SdkBytes.fromUtf8String("jpeg"))
                        .build()))
            .build();
    Message second =
        Message.builder().messageId("id-2").receiptHandle("receipt-2").body("plain").build();

    byte[] event =
        SqsEvent.of(
            List.of(first, second), "arn:aws:sqs:eu-west-1:000000000000:Orders", "eu-west-1");

    PojoSerializer<SQSEvent> runtime =
        LambdaEventSerializers.serializerFor(SQSEvent.class, getClass().getClassLoader());
    SQSEvent read = runtime.fromJson(new ByteArrayInputStream(event));
    assertThat(read.getRecords()).hasSize(2);
    SQSEvent.SQSMessage record = read.getRecords().getFirst();
    assertThat(record.getMessageId()).isEqualTo("id-1");
    assertThat(record.getReceiptHandle()).isEqualTo("receipt-1");
    assertThat(record.getBody()).isEqualTo("{\"customer\": 7}");
    assertThat(record.getMd5OfBody()).isEqualTo("md5-1");
    assertThat(record.getEventSource()).isEqualTo("aws:sqs");
    assertThat(record.getEventSourceArn()).isEqualTo("arn:aws:sqs:eu-west-1:000000000000:Orders");
    assertThat(record.getAwsRegion()).isEqualTo("eu-west-1");
    assertThat(record.getAttributes())
        .containsEntry("ApproximateReceiveCount", "2")
        .containsEntry("SentTimestamp", "1764763200000");
    assertThat(record.getMessageAttributes().get("table").getStringValue()).isEqualTo("4");
    assertThat(record.getMessageAttributes().get("table").getDataType()).isEqualTo("String");
    assertThat(new String(record.getMessageAttributes().get("photo").getBinaryValue().array()))
        .isEqualTo("jpeg");
    assertThat(read.getRecords().get(1).getBody()).isEqualTo("plain");
  }
}
