package io.salus.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResultTest {
    private static final Failure DENIED = Failure.of(ErrorCode.FORBIDDEN, "not yours");

    @Nested
    class Propagate {
        @Test
        void anErr_isPassedOnAsAnotherType_withTheSameFailure() {
            Result<String> failed = Result.fail(DENIED);

            Result<Integer> passedOn = failed.propagate();

            assertThat(passedOn).isInstanceOf(Result.Err.class);
            assertThat(passedOn.failure()).isSameAs(DENIED);
        }

        @Test
        void anOk_hasNothingToPassOn_andThrows() {
            Result<String> ok = Result.ok("value");

            assertThatThrownBy(ok::propagate).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Cast {
        @Test
        void keepsTheFailure_underAnotherType() {
            Result.Err<String> err = new Result.Err<>(DENIED);

            Result.Err<Long> cast = err.cast();

            assertThat(cast.failure()).isSameAs(DENIED);
            assertThat(cast.isOk()).isFalse();
        }
    }

    @Nested
    class MapAndFlatMap {
        @Test
        void mapOfAnOk_appliesTheFunction() {
            assertThat(Result.ok(20).map(n -> n + 1).orElseThrow()).isEqualTo(21);
        }

        @Test
        void mapOfAnErr_passesTheFailureOn_withoutCallingTheFunction() {
            AtomicBoolean called = new AtomicBoolean();
            Result<Integer> failed = Result.fail(DENIED);

            Result<String> mapped = failed.map(n -> {
                called.set(true);
                return "never";
            });

            assertThat(mapped.failure()).isSameAs(DENIED);
            assertThat(called).isFalse();
        }

        @Test
        void flatMapOfAnOk_returnsTheFunctionsResult_includingItsFailure() {
            Result<Integer> ok = Result.ok(1);

            assertThat(ok.flatMap(n -> Result.<String>fail(DENIED)).failure()).isSameAs(DENIED);
            assertThat(ok.flatMap(n -> Result.ok("x" + n)).orElseThrow()).isEqualTo("x1");
        }

        @Test
        void flatMapOfAnErr_passesTheFailureOn_withoutCallingTheFunction() {
            AtomicBoolean called = new AtomicBoolean();
            Result<Integer> failed = Result.fail(DENIED);

            Result<String> next = failed.flatMap(n -> {
                called.set(true);
                return Result.ok("never");
            });

            assertThat(next.failure()).isSameAs(DENIED);
            assertThat(called).isFalse();
        }
    }

    @Test
    void orElseThrow_ofAnErr_namesTheCodeAndDetail() {
        assertThatThrownBy(() -> Result.fail(DENIED).orElseThrow()).isInstanceOf(SalusException.class)
                .hasMessageContaining(ErrorCode.FORBIDDEN.code()).hasMessageContaining("not yours");
    }
}
