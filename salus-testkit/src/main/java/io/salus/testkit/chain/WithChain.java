package io.salus.testkit.chain;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against the test JVM's local chain with every contract deployed: declare a parameter of
 * type {@link TestChain} on a {@code @BeforeAll} method, a test method or the constructor. See
 * {@link ChainExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ChainExtension.class)
public @interface WithChain {
}
