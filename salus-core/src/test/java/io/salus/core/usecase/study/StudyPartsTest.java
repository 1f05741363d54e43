package io.salus.core.usecase.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Payout;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.study.StudyPart;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StudyPartsTest {
    static final EvmAddress HOSPITAL_1 = address(0x100);
    static final EvmAddress HOSPITAL_2 = address(0x200);

    static EvmAddress address(int i) {
        return new EvmAddress(String.format("0x%040x", i));
    }

    static List<Payout> payees(int from, int n) {
        return IntStream.range(from, from + n).mapToObj(i -> new Payout(Hash32.of(new byte[32]), address(i),
                Optional.empty(), List.of())).toList();
    }

    @Test
    void aMemberNamingMorePayeesThanItTrainedOn_isRefused() {
        assertThat(StudyParts.check(HOSPITAL_1, 3, payees(1, 4), new HashSet<>()).failure().code())
                .isEqualTo(ErrorCode.STUDY_PAYEES_EXCEED_TRAINED);
        assertThat(StudyParts.check(HOSPITAL_1, 3, payees(1, 3), new HashSet<>()).orElseThrow().payouts())
                .hasSize(3);
    }

    @Test
    void aPayeeNamedTwice_inOnePartOrByTwoMembers_isRefused() {
        List<Payout> twice = List.of(payees(1, 1).get(0), payees(1, 1).get(0));
        assertThat(StudyParts.check(HOSPITAL_1, 5, twice, new HashSet<>()).failure().code())
                .isEqualTo(ErrorCode.STUDY_PAYEES_INVALID);
        Set<EvmAddress> seen = new HashSet<>();
        StudyParts.check(HOSPITAL_1, 5, payees(1, 3), seen).orElseThrow();
        assertThat(StudyParts.check(HOSPITAL_2, 5, payees(3, 2), seen).failure().code())
                .as("hospital 2 names hospital 1's third payee").isEqualTo(ErrorCode.STUDY_PAYEES_INVALID);
    }

    @Test
    void countsBeyondTheRoundsNoisySum_areRefused_withinItsNoiseAccepted() {
        Map<EvmAddress, Integer> honest = Map.of(HOSPITAL_1, 100, HOSPITAL_2, 100);
        assertThat(StudyParts.plausible(honest, 196.5, 0.5).isOk()).isTrue();
        Map<EvmAddress, Integer> inflated = Map.of(HOSPITAL_1, 100, HOSPITAL_2, 400);
        assertThat(StudyParts.plausible(inflated, 201, 0.5).failure().code())
                .isEqualTo(ErrorCode.STUDY_PAYEES_EXCEED_TRAINED);
    }

    @Test
    void aPartsLeaves_areBuiltUnderItsOwnKey_soTheyProveOnlyAgainstItsRoot() {
        UUID study = UUID.randomUUID();
        StudyPart one = new StudyPart(HOSPITAL_1, 2, payees(1, 2));
        StudyPart same = new StudyPart(HOSPITAL_2, 2, payees(1, 2));
        assertThat(one.root(study)).as("the same payees under another member's key").isNotEqualTo(same.root(study));
        assertThat(StudyPart.partKey(study, HOSPITAL_1)).isNotEqualTo(StudyPart.partKey(UUID.randomUUID(),
                HOSPITAL_1));
        assertThat(one.proven(study)).hasSize(2);
    }
}
