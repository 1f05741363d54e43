package io.salus.node.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.UnavailableException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API on Javalin. The composition root hands it the groups of endpoints ({@link ApiEndpoints}), each built
 * with the use cases it calls; every route is registered through one {@link Router} and listed by {@link #routes()}
 * so that the OpenAPI document can be checked against what is really served. Faults never leak a stack trace: they
 * become problem+json.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private final Javalin app;
    private final List<ApiRoute> routes;

    private HttpApi(Javalin app, List<ApiRoute> routes) {
        this.app = app;
        this.routes = List.copyOf(routes);
    }

    /**
     * Starts the API: {@code /openapi.yaml}, every group of endpoints, then the web pages (the portal) on the same
     * app. A request body is refused above {@code maxBodyBytes}.
     */
    public static HttpApi start(String host, int port, long maxBodyBytes, List<ApiEndpoints> endpoints,
            Consumer<JavalinConfig> pages) {
        List<ApiRoute> routes = new ArrayList<>();
        Javalin app = Javalin.create(config -> {
            config.http.maxRequestSize = maxBodyBytes + 1;
            config.startup.showJavalinBanner = false;
            Router r = new Router(config, routes);
            r.add(HandlerType.GET, "/openapi.yaml", HttpApi::openApi);
            endpoints.forEach(e -> e.routes(r));
            pages.accept(config);
            faults(config);
        }).start(host, port);
        return new HttpApi(app, routes);
    }

    private static void faults(JavalinConfig config) {
        config.routes.exception(UnavailableException.class,
                (e, ctx) -> Problems.respond(ctx, e.code(), e.getMessage()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            ErrorCode code = switch (e.getStatus()) {
                case 413 -> ErrorCode.BODY_TOO_LARGE;
                case 404 -> ErrorCode.NOT_FOUND;
                case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
                default -> ErrorCode.INVALID_REQUEST;
            };
            Problems.respond(ctx, code, e.getMessage());
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("fault while serving {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).contentType(Problems.PROBLEM_JSON).result("{\"type\":\"urn:salus:problem:fault\","
                    + "\"title\":\"Internal fault\",\"status\":500,\"detail\":\"The node logged the fault.\"}");
        });
        config.routes.error(404, "*", ctx -> {
            String type = String.valueOf(ctx.res().getContentType());
            // a handler's own 404 (a problem, or a portal page naming its code) stands; anything else had no route
            if (ctx.result() == null || ctx.result().isEmpty()
                    || !(type.contains("problem") || type.contains("html"))) {
                Problems.respond(ctx, ErrorCode.NOT_FOUND, "no route " + ctx.method() + " " + ctx.path());
            }
        });
    }

    private static Result<Reply> openApi(Context ctx) {
        try (InputStream in = HttpApi.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                return Result.fail(ErrorCode.NOT_FOUND, "the OpenAPI document is not packaged");
            }
            return Result.ok(Reply.raw(200, "application/yaml", in.readAllBytes()));
        } catch (java.io.IOException e) {
            throw new UnavailableException(ErrorCode.NOT_FOUND, "the OpenAPI document cannot be read", e);
        }
    }

    public int port() {
        return app.port();
    }

    public List<ApiRoute> routes() {
        return routes;
    }

    @Override
    public void close() {
        app.stop();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
