package io.salus.node.it;

import io.salus.testkit.TestClasses;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Resolves the {@link TestAlliance} of a {@link WithAlliance} class, started on first use and closed after it. */
final class AllianceExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(AllianceExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestAlliance.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext top = TestClasses.topLevel(context);
        int nodes = top.getRequiredTestClass().getAnnotation(WithAlliance.class).nodes();
        return top.getStore(NS).computeIfAbsent(TestAlliance.class, k -> TestAlliance.start(nodes),
                TestAlliance.class);
    }
}
