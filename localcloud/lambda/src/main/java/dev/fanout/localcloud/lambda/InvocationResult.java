package dev.fanout.localcloud.lambda;

/**
 * How an invocation ended, for its caller.
 *
 * @param requestId the invocation's id
 * @param payload the function's response, or the error document when {@code functionError}
 * @param functionError true for an error the caller sees as {@code X-Amz-Function-Error: Unhandled}
 *     (thrown by the handler, a timeout, a runtime that exited)
 * @param log the invocation's log ending with its REPORT line, or empty when the caller did not ask
 *     for it and was answered before the log was complete
 */
record InvocationResult(String requestId, byte[] payload, boolean functionError, String log) {}
