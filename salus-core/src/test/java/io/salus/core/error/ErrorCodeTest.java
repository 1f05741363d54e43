package io.salus.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void everyCodeIsUniqueAndWellFormed() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).distinct().count())
                .isEqualTo(ErrorCode.values().length);
        assertThat(ErrorCode.values()).allSatisfy(c -> assertThat(c.code()).matches("SALUS-\\d{4}"));
    }

    @Test
    void everyCodeMapsToAnHttpErrorStatus() {
        assertThat(ErrorCode.values()).allSatisfy(c -> assertThat(c.httpStatus()).isBetween(400, 599));
    }

    @Test
    void aFailedResultCarriesItsFailureAndRefusesToYieldAValue() {
        Result<String> r = Result.fail(ErrorCode.RECORD_TAMPERED, "bad");
        assertThat(r.isOk()).isFalse();
        assertThat(r.failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
        assertThat(r.map(String::length).failure().detail()).isEqualTo("bad");
        org.assertj.core.api.Assertions.assertThatThrownBy(r::orElseThrow).isInstanceOf(SalusException.class)
                .hasMessageContaining("SALUS-0201");
    }
}
