package dev.fanout.localcloud.lambda;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function name as the Invoke API takes it: {@code Name}, {@code Name:qualifier}, a partial ARN
 * {@code 123456789012:function:Name[:qualifier]} or a full ARN {@code
 * arn:aws:lambda:REGION:ACCOUNT:function:Name[:qualifier]}; the parts a name leaves out are null.
 */
record FunctionName(
    String partition, String region, String account, String function, String qualifier) {
  /** The Invoke API's FunctionName pattern, as AWS states it in its validation errors. */
  static final String AWS_PATTERN =
      "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:)?"
          + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

  private static final Pattern PATTERN =
      Pattern.compile(
          "(?:arn:(?<partition>aws[a-zA-Z-]*)?:lambda:)?"
              + "(?:(?<region>[a-z]{2}(?:-gov|-iso(?:b?))?-[a-z]+-\\d):)?"
              + "(?:(?<account>\\d{12}):)?(?:function:)?(?<function>[a-zA-Z0-9-_.]+)"
              + "(?::(?<qualifier>\\$LATEST|[a-zA-Z0-9-_]+))?");

  /** An ARN of a function. */
  static String arn(String partition, String region, String account, String function) {
    return "arn:" + partition + ":lambda:" + region + ":" + account + ":function:" + function;
  }

  /** The name's parts; empty when it does not match {@link #AWS_PATTERN}. */
  static Optional<FunctionName> parse(String raw) {
    Matcher name = PATTERN.matcher(raw);
    if (!name.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new FunctionName(
            name.group("partition"),
            name.group("region"),
            name.group("account"),
            name.group("function"),
            name.group("qualifier")));
  }
}
