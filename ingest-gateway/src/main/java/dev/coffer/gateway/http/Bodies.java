package dev.coffer.gateway.http;

import dev.coffer.service.problem.ProblemException;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.requests.JsonBody;
import io.javalin.http.Context;

/** Reads request bodies within a size limit (413 {@code BODY_TOO_LARGE} beyond it). */
final class Bodies {
  private Bodies() {
  }

  static byte[] bytes(final Context ctx, final long limit) {
    if (ctx.contentLength() > limit) {
      throw tooLarge(limit);
    }
    final byte[] body = ctx.bodyAsBytes();
    if (body.length > limit) {
      throw tooLarge(limit);
    }
    return body;
  }

  static JsonBody json(final Context ctx, final long limit) {
    final String type = ctx.contentType();
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ProblemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json, was " + type);
    }
    return JsonBody.parse(bytes(ctx, limit));
  }

  private static ProblemException tooLarge(final long limit) {
    return new ProblemException(ErrorCode.BODY_TOO_LARGE, "the body is larger than " + limit + " bytes");
  }
}
