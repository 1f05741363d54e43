package io.salus.node.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.error.ErrorCode;
import io.salus.node.http.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * Serves the portal's static assets from the classpath ({@code /portal/assets/}): the portal's own CSS and scripts from
 * {@code src/main/resources/portal/assets}, and the npm packages copied there at build time from
 * {@code src/main/web/node_modules} (Chart.js). Nothing comes from a CDN. Thread-safe.
 */
final class Assets {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,80}\\.(css|js)");

    private Assets() {
    }

    static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    static void register(PortalRouter router) {
        router.open(HandlerType.GET, "/portal/assets/{name}", false, Assets::serve);
    }

    private static void serve(Context ctx) {
        String name = ctx.pathParam("name");
        InputStream in = isName(name) ? Assets.class.getResourceAsStream("/portal/assets/" + name) : null;
        if (in == null) {
            Problems.respond(ctx, ErrorCode.NOT_FOUND, "no portal asset " + name);
            return;
        }
        try (in) {
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType(name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8")
                    .result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read portal asset " + name, e);
        }
    }
}
