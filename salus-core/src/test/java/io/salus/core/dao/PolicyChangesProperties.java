package io.salus.core.dao;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The text form of DAO policy changes, stored and sent by API and CLI, reads back as the same change. */
class PolicyChangesProperties {

    @Provide
    Arbitrary<PolicyChange> changes() {
        Arbitrary<byte[]> bytes32 = Arbitraries.bytes().array(byte[].class).ofSize(32);
        Arbitrary<byte[]> bytes20 = Arbitraries.bytes().array(byte[].class).ofSize(20);
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 1_000_000_000_000_000L).map(PolicyChange.FloorPrice::new),
                Arbitraries.subsetOf(AttestationType.values()).filter(s -> !s.isEmpty())
                        .map(s -> new PolicyChange.ConsumerTypes(AttestationType.maskOf(Set.copyOf(s)))),
                Arbitraries.subsetOf(Purpose.values()).filter(s -> !s.isEmpty())
                        .map(s -> new PolicyChange.Purposes(Purpose.maskOf(Set.copyOf(s)))),
                Arbitraries.integers().between(1, 10_000).map(PolicyChange.MaxEpsilon::new),
                Arbitraries.integers().between(0, 10_000).map(PolicyChange.Share::new),
                bytes32.flatMap(b -> Arbitraries.of(true, false).map(a -> new PolicyChange.ApproveDeal(Hash32.of(b),
                        a))),
                bytes20.flatMap(b -> Arbitraries.longs().between(1, Long.MAX_VALUE).map(n -> new PolicyChange.Grant(
                        new EvmAddress("0x" + HexFormat.of().formatHex(b)), n))));
    }

    @Property
    void everyChange_readsBackFromItsText(@ForAll("changes") PolicyChange change) {
        assertThat(PolicyChanges.parse(PolicyChanges.format(change)).orElseThrow()).isEqualTo(change);
    }

    @Property
    void unknownNamesAndMalformedValues_areRefused(@ForAll @IntRange(min = 0, max = 5) int which,
            @ForAll @LongRange(min = 0, max = 1000) long n) {
        String text = switch (which) {
            case 0 -> "floor=" + n;
            case 1 -> "floorPrice=x" + n;
            case 2 -> "purposes=NOT_A_PURPOSE";
            case 3 -> "grant=0x12:" + n;
            case 4 -> "maxEpsilon=-" + n;
            default -> "share" + n;
        };
        assertThat(PolicyChanges.parse(text).failure().code())
                .isEqualTo(which == 4 ? ErrorCode.INVALID_EPSILON : ErrorCode.INVALID_REQUEST);
    }

    @Property
    void maxVotesPerPeriod_isTheLargestVoteCountWhoseSquareFitsTheCredits(
            @ForAll @LongRange(min = 1, max = 3_000_000_000_000L) long credits) {
        long v = new DaoGovernance(Duration.ZERO, Duration.ofSeconds(1), 1, credits,
                Duration.ofSeconds(1), Duration.ZERO).maxVotesPerPeriod();
        assertThat(v * v).isLessThanOrEqualTo(credits);
        assertThat((v + 1) * (v + 1)).isGreaterThan(credits);
    }
}
