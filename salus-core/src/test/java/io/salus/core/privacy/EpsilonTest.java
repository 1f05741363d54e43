package io.salus.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EpsilonTest {

    @ParameterizedTest
    @CsvSource({"0.5, 1, 2", "1, 1, 1", "0.1, 1, 10", "2.50, 5, 2", "1e-1, 1, 10", "10, 10, 1", "1E+1, 10, 1",
            "0.000001, 1, 1000000", "0.375, 3, 8", "' 0.25 ', 1, 4"})
    void decimals_becomeExactRationalsInLowestTerms(String text, long num, long den) {
        Epsilon e = Epsilon.parse(text).orElseThrow();
        assertThat(e.numerator()).isEqualTo(num);
        assertThat(e.denominator()).isEqualTo(den);
        assertThat(e.value()).isEqualByComparingTo(new BigDecimal(num).divide(new BigDecimal(den)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0", "-0.5", "-1", "0.0", "NaN", "nan", "Infinity", "-Infinity", "+inf", "10.000001",
            "11", "1e9", "1e999999999", "abc", "0x1p-3", "1/2", "0.0000001", "1e-1000000000", "  ", "½",
            "0.123456789012345678901234567890123"})
    void nonPositiveNonFiniteTooLargeTooFineOrMalformed_isRejectedAsInvalidEpsilon(String text) {
        var result = Epsilon.parse(text);
        assertThat(result.isOk()).isFalse();
        assertThat(result.failure().code()).isEqualTo(ErrorCode.INVALID_EPSILON);
    }

    @Test
    void sameValueWithDifferentScale_isEqual() {
        assertThat(Epsilon.parse("0.50").orElseThrow()).isEqualTo(Epsilon.parse("0.5").orElseThrow())
                .hasSameHashCodeAs(Epsilon.parse("5e-1").orElseThrow());
        assertThat(Epsilon.parse("0.50").orElseThrow()).hasToString("0.5");
    }
}
