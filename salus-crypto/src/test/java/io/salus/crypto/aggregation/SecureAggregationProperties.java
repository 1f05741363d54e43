package io.salus.crypto.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.recovery.Shamir;
import io.salus.core.recovery.ShamirShare;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class SecureAggregationProperties {
    static final FixedPoint FP = new FixedPoint(20);
    static final byte[] ROUND = "study-1/round-3".getBytes(StandardCharsets.UTF_8);
    final SecureRandom random = new SecureRandom();
    final Shamir shamir = new Shamir(random);

    /** One round: every member's key, its plain update and its masked update. */
    final class Round {
        final Map<Integer, SecureAggregation.MemberKey> keys = new TreeMap<>();
        final Map<Integer, byte[]> roster = new TreeMap<>();
        final Map<Integer, long[]> plain = new TreeMap<>();
        final Map<Integer, long[]> masked = new TreeMap<>();

        Round(List<double[]> updates, byte[] round) {
            for (int i = 0; i < updates.size(); i++) {
                SecureAggregation.MemberKey k = SecureAggregation.newKey(i + 1, random);
                keys.put(i + 1, k);
                roster.put(i + 1, k.publicKey());
                plain.put(i + 1, FP.encode(updates.get(i)));
            }
            keys.forEach((id, k) -> masked.put(id, SecureAggregation.mask(round, k, roster, plain.get(id))));
        }

        long[] plainSum(Iterable<Integer> members) {
            long[] sum = new long[plain.values().iterator().next().length];
            for (int m : members) {
                long[] v = plain.get(m);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += v[i];
                }
            }
            return sum;
        }

        List<ShamirShare> shares(int member, int threshold) {
            return SecureAggregation.shareKey(keys.get(member), threshold, keys.size() - 1, shamir).orElseThrow();
        }
    }

    @Provide
    Arbitrary<List<double[]>> updates() {
        return Arbitraries.integers().between(1, 12).flatMap(len -> Arbitraries.doubles().between(-1e6, 1e6)
                .array(double[].class).ofSize(len).list().ofMinSize(2).ofMaxSize(7));
    }

    @Property(tries = 60)
    void theMaskedSum_equalsThePlainSum(@ForAll("updates") List<double[]> updates) {
        Round r = new Round(updates, ROUND);

        long[] sum = SecureAggregation.sum(ROUND, r.roster, r.masked, Map.of(), 2).orElseThrow();

        assertThat(sum).isEqualTo(r.plainSum(r.keys.keySet()));
    }

    @Property(tries = 40)
    void aMemberThatDropsOut_isRecoveredFromAThresholdOfShares_andTheSumIsTheSurvivors(
            @ForAll("updates") List<double[]> updates, @ForAll @IntRange(min = 0, max = 6) int pick) {
        Round r = new Round(updates, ROUND);
        int n = updates.size();
        int dropped = pick % n + 1;
        int threshold = Math.max(2, n / 2);
        r.masked.remove(dropped);
        if (n - 1 < threshold) {
            return;
        }

        long[] sum = SecureAggregation.sum(ROUND, r.roster, r.masked,
                Map.of(dropped, r.shares(dropped, threshold).subList(0, threshold)), threshold).orElseThrow();

        assertThat(sum).isEqualTo(r.plainSum(r.masked.keySet()));
    }

    @Property(tries = 30)
    void aSingleMaskedUpdate_showsNothingOfThePlainOne(@ForAll("updates") List<double[]> updates) {
        Round r = new Round(updates, ROUND);

        r.masked.forEach((id, m) -> {
            long[] p = r.plain.get(id);
            for (int i = 0; i < p.length; i++) {
                assertThat(m[i]).as("word %d of member %d", i, id).isNotEqualTo(p[i]);
            }
        });
    }

    @Example
    void theSameKeysInAnotherRound_maskDifferently() {
        List<double[]> updates = List.of(new double[]{1, 2, 3}, new double[]{4, 5, 6}, new double[]{7, 8, 9});
        Round r = new Round(updates, ROUND);
        byte[] next = "study-1/round-4".getBytes(StandardCharsets.UTF_8);

        long[] again = SecureAggregation.mask(next, r.keys.get(1), r.roster, r.plain.get(1));

        assertThat(again).isNotEqualTo(r.masked.get(1));
    }

    @Example
    void tooFewSharesOfADroppedMember_leaveTheSumMasked_andAreRefused() {
        Round r = new Round(List.of(new double[]{1}, new double[]{2}, new double[]{3}, new double[]{4}), ROUND);
        r.masked.remove(4);

        var refused = SecureAggregation.sum(ROUND, r.roster, r.masked, Map.of(4, r.shares(4, 3).subList(0, 2)), 3);

        assertThat(refused.failure().code()).isEqualTo(ErrorCode.AGGREGATION_DROPOUT_UNRECOVERABLE);
    }

    @Example
    void sharesOfAnotherMembersKey_doNotUnmaskADroppedMember() {
        Round r = new Round(List.of(new double[]{1}, new double[]{2}, new double[]{3}, new double[]{4}), ROUND);
        r.masked.remove(4);

        var refused = SecureAggregation.sum(ROUND, r.roster, r.masked, Map.of(4, r.shares(1, 2)), 2);

        assertThat(refused.failure().code()).isEqualTo(ErrorCode.AGGREGATION_DROPOUT_UNRECOVERABLE);
    }

    @Example
    void anUpdateFromOutsideTheRoster_orOfAnotherLength_isRefused() {
        Round r = new Round(List.of(new double[]{1, 1}, new double[]{2, 2}, new double[]{3, 3}), ROUND);
        Map<Integer, long[]> stranger = new HashMap<>(r.masked);
        stranger.put(9, new long[]{5, 5});
        Map<Integer, long[]> ragged = new HashMap<>(r.masked);
        ragged.put(2, new long[]{5});

        assertThat(SecureAggregation.sum(ROUND, r.roster, stranger, Map.of(), 2).failure().code())
                .isEqualTo(ErrorCode.AGGREGATION_INVALID_ROUND);
        assertThat(SecureAggregation.sum(ROUND, r.roster, ragged, Map.of(), 2).failure().code())
                .isEqualTo(ErrorCode.AGGREGATION_INVALID_ROUND);
    }

    @Example
    void theDecodedSum_isTheSumOfTheReals_withinTheFixedPointStep() {
        Round r = new Round(List.of(new double[]{0.25, -3.5}, new double[]{1.125, 2.0}), ROUND);

        double[] sum = FP.decode(SecureAggregation.sum(ROUND, r.roster, r.masked, Map.of(), 2).orElseThrow());

        assertThat(sum).containsExactly(1.375, -1.5);
    }
}
