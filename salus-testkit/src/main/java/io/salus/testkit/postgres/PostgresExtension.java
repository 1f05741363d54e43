package io.salus.testkit.postgres;

import io.salus.store.Database;
import io.salus.testkit.TestClasses;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One embedded PostgreSQL per test JVM (the production engine, {@link io.salus.store.EmbeddedPostgresEngine}), whose
 * schema is migrated once into a template database; each top-level test class gets a fresh database copied from the
 * template ({@code CREATE DATABASE ... TEMPLATE}, no migration run), shared by its tests and {@code @Nested} classes,
 * closed and dropped after the class. The server stops when the JUnit run ends. Thread-safe.
 */
public final class PostgresExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Database.class || type == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase db = database(context);
        return parameter.getParameter().getType() == Database.class ? db.database() : db;
    }

    /** The database of the test class {@code context} belongs to, created on first use. */
    public static TestDatabase database(ExtensionContext context) {
        ExtensionContext owner = TestClasses.topLevel(context);
        SharedPostgres server = context.getRoot().getStore(NS).computeIfAbsent(SharedPostgres.class,
                k -> SharedPostgres.start(), SharedPostgres.class);
        return owner.getStore(NS).computeIfAbsent(TestDatabase.class,
                k -> server.create(owner.getRequiredTestClass().getSimpleName()), TestDatabase.class);
    }
}
