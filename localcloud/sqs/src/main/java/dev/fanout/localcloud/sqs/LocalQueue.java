package dev.fanout.localcloud.sqs;

import java.time.Duration;

/**
 * A queue of the template as it exists in the local SQS.
 *
 * @param logicalId its name in the template
 * @param name its queue name
 * @param url what {@code !Ref} to it gives, and what SQS calls name it by
 * @param arn what {@code !GetAtt Queue.Arn} gives, and what event source mappings name it by
 * @param visibilityTimeout how long a received message stays invisible (SQS's default 30 s)
 */
public record LocalQueue(
    String logicalId, String name, String url, String arn, Duration visibilityTimeout) {}
