package io.salus.node.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.salus.core.error.Result;
import java.util.List;

/** Registers endpoints with Javalin and remembers them; writes replies and problems. */
public final class Router {
    private final JavalinConfig config;
    private final List<ApiRoute> routes;

    Router(JavalinConfig config, List<ApiRoute> routes) {
        this.config = config;
        this.routes = routes;
    }

    public void add(HandlerType method, String path, Endpoint endpoint) {
        routes.add(new ApiRoute(method.name(), path));
        config.routes.addHttpHandler(method, path, ctx -> write(ctx, endpoint.handle(ctx)));
    }

    /** A guard run before every matched route (API and portal alike). */
    public void beforeMatched(Handler guard) {
        config.routes.beforeMatched(guard);
    }

    private static void write(Context ctx, Result<Reply> result) throws Exception {
        switch (result) {
            case Result.Ok<Reply> ok -> {
                Reply r = ok.value();
                ctx.status(r.status()).contentType(r.contentType());
                if (r.body() instanceof byte[] bytes) {
                    ctx.result(bytes);
                } else {
                    ctx.result(Json.mapper().writeValueAsBytes(r.body()));
                }
            }
            case Result.Err<Reply> err -> Problems.respond(ctx, err.failure());
        }
    }
}
