package io.salus.node.http;

import io.javalin.http.Context;
import io.salus.core.error.Result;

/** A handler whose expected failures are values; {@link HttpApi} turns them into problem+json. */
@FunctionalInterface
public interface Endpoint {
    Result<Reply> handle(Context ctx);
}
