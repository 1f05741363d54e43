package io.salus.core.error;

import java.util.Objects;
import java.util.function.Function;

/** The outcome of an operation whose failure is expected: either a value or a {@link Failure}. */
public sealed interface Result<T> {

    record Ok<T>(T value) implements Result<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Err<T>(Failure failure) implements Result<T> {
        public Err {
            Objects.requireNonNull(failure, "failure");
        }

        /** The same failure as a result of another type: a failure passed on unchanged. */
        public <U> Err<U> cast() {
            return new Err<>(failure);
        }
    }

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> fail(Failure failure) {
        return new Err<>(failure);
    }

    static <T> Result<T> fail(ErrorCode code, String detail) {
        return new Err<>(Failure.of(code, detail));
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    default T orElseThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Err<T> err -> throw new SalusException(
                    err.failure().code().code() + ": " + err.failure().detail());
        };
    }

    default Failure failure() {
        if (this instanceof Err<T> err) {
            return err.failure();
        }
        throw new IllegalStateException("Result is Ok");
    }

    /**
     * Passes this failure on as a result of another type, for {@code if (!r.isOk()) return r.propagate();}.
     *
     * @throws IllegalStateException if this is {@code Ok}: there is nothing to pass on
     */
    default <U> Result<U> propagate() {
        return switch (this) {
            case Ok<T> ok -> throw new IllegalStateException("Result is Ok: nothing to propagate");
            case Err<T> err -> err.cast();
        };
    }

    default <U> Result<U> map(Function<? super T, ? extends U> f) {
        return switch (this) {
            case Ok<T> ok -> Result.ok(f.apply(ok.value()));
            case Err<T> err -> err.cast();
        };
    }

    default <U> Result<U> flatMap(Function<? super T, Result<U>> f) {
        return switch (this) {
            case Ok<T> ok -> f.apply(ok.value());
            case Err<T> err -> err.cast();
        };
    }
}
