package dev.fanout.cli;

import dev.fanout.strategy.kind.StrategyKind;
import java.net.URI;

/**
 * Where bank's two endpoints point. --dynamodb-endpoint is DynamoDB's and --endpoint Lambda's, as
 * in every command. bank's old spellings still work, each with one deprecation line: --endpoint for
 * DynamoDB on a run that invokes no Lambda, and --lambda-endpoint for --endpoint.
 *
 * @param dynamoDb the DynamoDB endpoint; null for fanout's local DynamoDB (or AWS)
 * @param lambda the Lambda Invoke API endpoint; null for the local Lambda service (or AWS)
 * @param deprecation what to say of an old spelling, in one line; null for none
 */
record BankEndpoints(URI dynamoDb, URI lambda, String deprecation) {

  /**
   * @param dynamoDbLedger whether the balances live in DynamoDB
   * @param dynamoDbEndpoint --dynamodb-endpoint
   * @param endpoint --endpoint
   * @param lambdaEndpoint --lambda-endpoint, the old spelling of --endpoint
   * @param aws --aws, which --lambda-endpoint excludes as --endpoint does
   */
  static BankEndpoints resolve(
      StrategyKind strategy,
      boolean dynamoDbLedger,
      URI dynamoDbEndpoint,
      URI endpoint,
      URI lambdaEndpoint,
      boolean aws) {
    if (lambdaEndpoint != null) {
      if (aws) {
        throw new IllegalArgumentException(
            "--lambda-endpoint and --aws exclude each other: choose one");
      }
      if (endpoint == null) {
        return new BankEndpoints(
            dynamoDbEndpoint,
            lambdaEndpoint,
            "--lambda-endpoint is now --endpoint, the Lambda endpoint in every command");
      }
      if (dynamoDbEndpoint != null) {
        throw new IllegalArgumentException(
            "--lambda-endpoint is the old name of --endpoint: give one of them (the DynamoDB"
                + " endpoint is --dynamodb-endpoint)");
      }
      // Both old spellings together: --endpoint meant DynamoDB then, and still does here.
      return new BankEndpoints(
          endpoint,
          lambdaEndpoint,
          "bank --endpoint URL --lambda-endpoint URL is now --dynamodb-endpoint URL --endpoint"
              + " URL");
    }
    if (endpoint != null
        && !strategy.invokesLambda()
        && dynamoDbLedger
        && dynamoDbEndpoint == null) {
      return new BankEndpoints(
          endpoint,
          null,
          "bank --endpoint names the Lambda endpoint now; --strategy "
              + strategy.label()
              + " invokes no Lambda, so "
              + endpoint
              + " is taken as the DynamoDB endpoint as before: use --dynamodb-endpoint");
    }
    return new BankEndpoints(dynamoDbEndpoint, endpoint, null);
  }
}
