package io.salus.chain.deals.internal;

import io.salus.chain.internal.TxSender;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.ProviderShare;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gas limit of a DataDeals {@code settle} chunk, computed instead of estimated (decision 0041): {@code
 * eth_estimateGas} executes the ~10M-gas call a dozen times in a binary search, measured at 200-600 ms per chunk against
 * 6-40 ms for one execution. The limit is an upper bound of the execution (a fixed part, a part per payout, per proof
 * level and per token transfer, every payee's first transfer in the chunk priced as a new balance slot, a repeated one
 * as a warm slot), plus 10 %, plus the exact intrinsic gas of the calldata. {@code DealGasIT} sends chunks of every
 * shape the node sends with this limit and checks that none runs out and that the limit stays near the gas used.
 * Stateless and thread-safe.
 */
public final class SettleGas {
    /** The largest limit a chunk may need: under the per-transaction cap of 2^24 gas (EIP-7825) with room to spare. */
    public static final long CHUNK_BUDGET = 15_000_000;

    /** Role check, the deal's slots read and written, the event, the treasury's and operator's transfers. */
    private static final long FIXED = 150_000;
    /** The pay-once mark (a new slot), the leaf's hashes, the split arithmetic and the loop, per payout. */
    private static final long PER_PAYOUT = 32_000;
    /** One proof level: a 64-byte hash and the comparison. */
    private static final long PER_LEVEL = 400;
    /** A transfer to a payee new to the chunk: cold, and priced as a zero balance becoming non-zero. */
    private static final long NEW_PAYEE = 33_000;
    /** A transfer to a payee already paid in the chunk: a warm, dirty balance. */
    private static final long WARM_PAYEE = 9_000;
    /** The weight loops, per provider. */
    private static final long PER_PROVIDER = 1_000;
    /** A payout naming a DAO treasury: the registry's check of it (a cold slot at most). */
    private static final long DAO_CHECK = 2_200;
    /** The released key's bytes in the {@code KeyReleased} event, per byte (8 for the log data, with room). */
    private static final long PER_KEY_BYTE = 16;

    private SettleGas() {
    }

    /** The gas limit for sending {@code data}, the encoded settle call of {@code chunk} releasing {@code keyBytes}. */
    public static long limit(String data, List<ProvenPayout> chunk, int keyBytes) {
        Bound b = new Bound(keyBytes);
        chunk.forEach(b::add);
        return TxSender.intrinsicGas(data, b.execution());
    }

    /**
     * {@code payouts} in order, cut into chunks of at most {@code maxPayouts} whose limit stays within
     * {@link #CHUNK_BUDGET} (bounded before encoding: every calldata byte priced as non-zero); at least one chunk (the
     * closing one may be empty).
     */
    public static List<List<ProvenPayout>> chunks(List<ProvenPayout> payouts, int maxPayouts, int keyBytes) {
        List<List<ProvenPayout>> out = new ArrayList<>();
        int start = 0;
        Bound b = new Bound(keyBytes);
        for (int i = 0; i < payouts.size(); i++) {
            ProvenPayout next = payouts.get(i);
            if (i > start && (i - start == maxPayouts || b.upperLimitWith(next) > CHUNK_BUDGET)) {
                out.add(payouts.subList(start, i));
                start = i;
                b = new Bound(keyBytes);
            }
            b.add(next);
        }
        out.add(payouts.subList(start, payouts.size()));
        return out;
    }

    /** The running bound of one chunk: its execution gas (payees seen so far are warm) and its calldata bytes. */
    private static final class Bound {
        private final Set<EvmAddress> paid = new HashSet<>();
        private Optional<EvmAddress> lastDao = Optional.empty();
        private long gas;
        private long bytes;

        Bound(int keyBytes) {
            this.gas = FIXED + PER_KEY_BYTE * keyBytes;
            // selector; dealId, two hashes, two offsets, last; the array's and the key's lengths; the key, padded
            this.bytes = 4 + 32 * 8 + 32 * ((keyBytes + 31) / 32);
        }

        void add(ProvenPayout proven) {
            gas += gasOf(proven);
            bytes += bytesOf(proven);
            payees(proven.payout()).forEach(paid::add);
            proven.payout().daoTreasury().ifPresent(paid::add);
            lastDao = proven.payout().daoTreasury();
        }

        /** The execution bound with its 10 % margin. */
        long execution() {
            return margin(gas);
        }

        /** The limit's upper bound with one more payout, before encoding: every calldata byte priced as non-zero. */
        long upperLimitWith(ProvenPayout next) {
            long b = bytes + bytesOf(next);
            return 21_000 + Math.max(16 * b + margin(gas + gasOf(next)), 40 * b);
        }

        private long gasOf(ProvenPayout proven) {
            Payout p = proven.payout();
            Set<EvmAddress> own = new HashSet<>();
            long g = PER_PAYOUT + PER_LEVEL * proven.proof().size() + PER_PROVIDER * p.providers().size();
            for (EvmAddress payee : payees(p)) {
                g += paid.contains(payee) || !own.add(payee) ? WARM_PAYEE : NEW_PAYEE;
            }
            // the DAO's part is transferred once per run of payouts naming the same treasury (the node sorts by it)
            Optional<EvmAddress> dao = p.daoTreasury();
            if (dao.isPresent()) {
                g += DAO_CHECK;
                if (!dao.equals(lastDao)) {
                    g += paid.contains(dao.get()) || own.contains(dao.get()) ? WARM_PAYEE : NEW_PAYEE;
                }
            }
            return g;
        }

        /** Its offset, seven head words, the three arrays' lengths and elements. */
        private static long bytesOf(ProvenPayout proven) {
            return 32L * (1 + 7 + 3 + 2 * proven.payout().providers().size() + proven.proof().size());
        }

        private static List<EvmAddress> payees(Payout p) {
            List<EvmAddress> out = new ArrayList<>();
            out.add(p.patient());
            p.caregiver().ifPresent(out::add);
            p.providers().forEach(s -> out.add(s.provider()));
            return out;
        }

        private static long margin(long g) {
            return g + g / 10;
        }
    }
}
