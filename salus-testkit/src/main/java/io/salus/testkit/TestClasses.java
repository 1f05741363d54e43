package io.salus.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;

/** Scoping for the extensions: what a test class and its {@code @Nested} classes share. */
public final class TestClasses {
    private TestClasses() {
    }

    /** The context of the outermost test class that {@code context} belongs to. */
    public static ExtensionContext topLevel(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getParent().isPresent() && c.getParent().get().getTestClass().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
