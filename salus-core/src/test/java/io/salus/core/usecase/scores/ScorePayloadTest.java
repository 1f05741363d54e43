package io.salus.core.usecase.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.scores.Findrisc;
import io.salus.core.scores.FindriscInputs;
import io.salus.core.scores.PooledCohortEquations;
import io.salus.core.scores.PceInputs;
import io.salus.core.scores.Race;
import io.salus.core.scores.Sex;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScorePayloadTest {
    private static final Instant AT = Instant.parse("2026-12-06T09:00:00Z");

    /** The published worked example (Goff 2014, Table A). */
    static PceInputs pce(Sex sex) {
        return new PceInputs(Optional.of(55), Optional.of(sex), Optional.of(Race.WHITE), Optional.of(213.0), Optional
                .of(50.0), Optional.of(120.0), Optional.of(false), Optional.of(false), Optional.of(false));
    }

    @Test
    void aScoredAndAMissingPoint_roundTripThroughTheSealedEncoding() {
        ScorePoint scored = ScorePoint.of(UUID.randomUUID(), "pce", AT,
                PooledCohortEquations.estimate(pce(Sex.FEMALE)));
        ScorePoint missing = ScorePoint.of(UUID.randomUUID(), "findrisc", AT, Findrisc.score(new FindriscInputs(
                Optional.of(55), Optional.of(Sex.FEMALE), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())));
        for (ScorePoint p : new ScorePoint[]{scored, missing}) {
            assertThat(ScorePayload.decode(ScorePayload.encode(p), p.id(), p.model(), p.at())).isEqualTo(p);
        }
        assertThat(scored.status()).isEqualTo("scored");
        assertThat(scored.displayed()).isEqualTo("2.1 %");
        assertThat(missing.status()).isEqualTo("missing");
        assertThat(missing.reason()).contains("body-mass index", "family history of diabetes");
    }

    @Test
    void aTruncatedPayload_isRefused() {
        ScorePoint p = ScorePoint.of(UUID.randomUUID(), "pce", AT, PooledCohortEquations.estimate(pce(Sex.MALE)));
        byte[] bytes = ScorePayload.encode(p);
        assertThatThrownBy(() -> ScorePayload.decode(Arrays.copyOf(bytes, bytes.length - 3), p.id(), "pce", AT))
                .isInstanceOf(IllegalStateException.class);
    }
}
