package io.salus.crypto.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.SecureAggregator.MemberKeys;
import io.salus.core.port.SecureAggregator.Published;
import io.salus.core.recovery.Shamir;
import io.salus.core.recovery.ShamirShare;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The study protocol's secure aggregation end to end (keys, sealed Shamir shares of mask keys, masks over fixed
 * point, dropout recovery): the masked sum is the plain sum; a member that drops after sharing is recovered from its
 * peers' sealed shares; fewer shares than the threshold rebuild nothing usable; a sealed share opens only for its
 * recipient in its round.
 */
class X25519SecureAggregatorProperties {
    static final byte[] ROUND = "salus/study/s/round/2".getBytes(StandardCharsets.US_ASCII);
    final X25519SecureAggregator agg = new X25519SecureAggregator(new SecureRandom(), 24);

    /** A round after the share phase: keys, roster, each member's sealed shares (sender → recipient → share). */
    final class Round {
        final Map<Integer, MemberKeys> keys = new TreeMap<>();
        final Map<Integer, Published> roster = new TreeMap<>();
        final Map<Integer, Map<Integer, byte[]>> sealed = new TreeMap<>();
        final Map<Integer, byte[]> maskRoster = new TreeMap<>();
        final int threshold;

        Round(int members) {
            for (int id = 1; id <= members; id++) {
                keys.put(id, agg.newKeys(id));
                roster.put(id, keys.get(id).published());
                maskRoster.put(id, keys.get(id).maskPublic());
            }
            threshold = members / 2 + 1;
            keys.forEach((id, k) -> sealed.put(id, agg.sealShares(ROUND, k, roster, threshold).orElseThrow()));
        }

        Map<Integer, long[]> masked(List<double[]> updates, Iterable<Integer> who) {
            Map<Integer, long[]> out = new TreeMap<>();
            for (int id : who) {
                out.put(id, agg.mask(ROUND, keys.get(id), maskRoster, updates.get(id - 1)).orElseThrow());
            }
            return out;
        }

        /** The shares of {@code dropped}'s key that the given survivors open. */
        List<ShamirShare> opened(int dropped, List<Integer> survivors) {
            List<ShamirShare> out = new ArrayList<>();
            for (int j : survivors) {
                out.add(agg.openShare(ROUND, keys.get(j), dropped, roster.get(dropped).sealPublic(),
                        sealed.get(dropped).get(j)).orElseThrow());
            }
            return out;
        }
    }

    @Provide
    Arbitrary<List<double[]>> updates() {
        return Arbitraries.integers().between(3, 6).flatMap(n -> Arbitraries.doubles().between(-1000, 1000)
                .ofScale(4).array(double[].class).ofSize(4).list().ofSize(n));
    }

    static double[] plainSum(List<double[]> updates, Iterable<Integer> who) {
        double[] sum = new double[updates.get(0).length];
        for (int id : who) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += updates.get(id - 1)[i];
            }
        }
        return sum;
    }

    @Property(tries = 40)
    void theMaskedSum_isThePlainSum(@ForAll("updates") List<double[]> updates) {
        Round r = new Round(updates.size());
        double[] sum = agg.sum(ROUND, r.maskRoster, r.masked(updates, r.keys.keySet()), Map.of(), r.threshold)
                .orElseThrow();
        double[] plain = plainSum(updates, r.keys.keySet());
        for (int i = 0; i < sum.length; i++) {
            assertThat(sum[i]).isCloseTo(plain[i], offset(1e-4));
        }
    }

    @Property(tries = 30)
    void aMemberDroppedAfterSharing_isRecoveredFromAThresholdOfSealedShares_andTheSumIsTheSurvivors(
            @ForAll("updates") List<double[]> updates, @ForAll @IntRange(min = 1, max = 6) int drop) {
        Round r = new Round(updates.size());
        int dropped = 1 + (drop - 1) % updates.size();
        List<Integer> survivors = r.keys.keySet().stream().filter(id -> id != dropped).toList();
        Map<Integer, long[]> masked = r.masked(updates, survivors);

        double[] sum = agg.sum(ROUND, r.maskRoster, masked, Map.of(dropped, r.opened(dropped, survivors.subList(0,
                r.threshold))), r.threshold).orElseThrow();

        double[] plain = plainSum(updates, survivors);
        for (int i = 0; i < sum.length; i++) {
            assertThat(sum[i]).isCloseTo(plain[i], offset(1e-4));
        }
    }

    @Property(tries = 30)
    void fewerSharesThanTheThreshold_areRefused_andRebuildNoUsableKey(@ForAll("updates") List<double[]> updates) {
        Round r = new Round(updates.size());
        int dropped = updates.size();
        List<Integer> survivors = r.keys.keySet().stream().filter(id -> id != dropped).toList();
        Map<Integer, long[]> masked = r.masked(updates, survivors);
        List<ShamirShare> few = r.opened(dropped, survivors.subList(0, r.threshold - 1));

        Result<double[]> refused = agg.sum(ROUND, r.maskRoster, masked, Map.of(dropped, few), r.threshold);
        assertThat(refused.isOk()).isFalse();
        assertThat(refused.failure().code()).isEqualTo(ErrorCode.AGGREGATION_DROPOUT_UNRECOVERABLE);

        // what the shares combine to, when treated as enough, is not the key: its masks do not cancel
        Result<byte[]> combined = Shamir.combine(few, few.size());
        byte[] guess = combined.isOk() ? combined.orElseThrow() : new byte[32];
        assertThat(Arrays.equals(guess, r.keys.get(dropped).maskPrivate())).isFalse();
        MemberKeys forged = new MemberKeys(dropped, guess, r.keys.get(dropped).maskPublic(), guess, guess);
        long[] unmaskedByGuess = agg.mask(ROUND, forged, r.maskRoster, new double[4]).orElseThrow();
        long[] unmaskedByKey = agg.mask(ROUND, r.keys.get(dropped), r.maskRoster, new double[4]).orElseThrow();
        for (int i = 0; i < unmaskedByKey.length; i++) {
            assertThat(unmaskedByGuess[i]).isNotEqualTo(unmaskedByKey[i]);
        }
    }

    @Property(tries = 20)
    void aSealedShare_opensOnlyForItsRecipient_inItsRound(@ForAll @IntRange(min = 3, max = 6) int members) {
        Round r = new Round(members);
        byte[] toTwo = r.sealed.get(1).get(2);
        assertThat(agg.openShare(ROUND, r.keys.get(2), 1, r.roster.get(1).sealPublic(), toTwo).isOk()).isTrue();
        assertThat(agg.openShare(ROUND, r.keys.get(3), 1, r.roster.get(1).sealPublic(), toTwo).failure().code())
                .isEqualTo(ErrorCode.STUDY_SHARE_INVALID);
        assertThat(agg.openShare("another round".getBytes(StandardCharsets.US_ASCII), r.keys.get(2), 1,
                r.roster.get(1).sealPublic(), toTwo).isOk()).isFalse();
    }
}
