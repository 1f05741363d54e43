package io.salus.node.http;

/**
 * A group of API endpoints, built by the composition root with exactly the use cases it calls, that registers its own
 * routes.
 */
@FunctionalInterface
public interface ApiEndpoints {
    void routes(Router router);
}
