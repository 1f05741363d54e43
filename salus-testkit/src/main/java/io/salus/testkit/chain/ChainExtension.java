package io.salus.testkit.chain;

import io.salus.testkit.TestClasses;
import io.salus.testkit.data.KeySpace;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local anvil per test JVM ({@link io.salus.chain.LocalChain}, the production engine) with the contracts deployed
 * once by a relayer of its own. Each top-level test class gets a {@link TestChain} with its own key space: keys, ids
 * and addresses derived from a per-class random salt, so classes never meet each other's signers, nonces, grants,
 * deals or anchors. A class that reasons about a contract's whole state asks for {@link TestChain#freshDeployment()}.
 * What classes do share is the chain's clock: time travel moves it for everyone, forward only, so tests take times
 * from {@link TestChain#now()}, never from the wall clock. The chain stops when the JUnit run ends. Thread-safe.
 */
public final class ChainExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ChainExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestChain.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return chain(context);
    }

    /** The chain view of the test class {@code context} belongs to, created on first use. */
    public static TestChain chain(ExtensionContext context) {
        SharedChain shared = context.getRoot().getStore(NS).computeIfAbsent(SharedChain.class,
                k -> SharedChain.start(), SharedChain.class);
        return TestClasses.topLevel(context).getStore(NS).computeIfAbsent(TestChain.class,
                k -> new TestChain(shared, KeySpace.random()), TestChain.class);
    }
}
