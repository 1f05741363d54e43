package io.salus.node.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class gets a {@link TestAlliance} parameter: one chain and {@link #nodes()} whole nodes on it, each with its
 * own data directory, embedded PostgreSQL, KEK and relayer key; the first founds the alliance, the others join from
 * the RPC URL and the NodeRegistry address and are admitted through the timelock. Started once per top-level class,
 * stopped after it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AllianceExtension.class)
@interface WithAlliance {
    int nodes() default 3;
}
