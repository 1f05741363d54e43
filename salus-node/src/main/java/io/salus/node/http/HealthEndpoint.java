package io.salus.node.http;

import io.javalin.http.HandlerType;
import io.salus.core.error.Result;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /health}: the node's report on its engines (never fails; an engine that is down shows as down). */
public final class HealthEndpoint implements ApiEndpoints {
    private final Supplier<Map<String, Object>> report;

    public HealthEndpoint(Supplier<Map<String, Object>> report) {
        this.report = report;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.GET, "/health", ctx -> Result.ok(Reply.ok(report.get())));
    }
}
