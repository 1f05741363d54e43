package io.salus.core.deal;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is paid for one patient of a deal, as committed in the cohort's Merkle tree: the patient's pseudonym in the deal,
 * the patient's payee (a per-deal claim address, never the patient's registered address), the caregiver's payee if the
 * patient has a caregiver, and the providers who authored the patient's records with their weights (the first
 * provider receives the division's remainder), and the treasury of the patient data DAO whose member the patient is
 * (its timelock, registered in DataDeals) if any: the treasury part goes there instead of to the default payee. The
 * amounts are not part of it: the contract computes them from the deal's price and split ({@link SplitCalculator}).
 */
public record Payout(Hash32 pseudonym, EvmAddress patient, Optional<EvmAddress> caregiver,
        List<ProviderShare> providers, Optional<EvmAddress> daoTreasury) {
    private static final byte[] ZERO_ADDRESS = new byte[20];

    public Payout {
        Objects.requireNonNull(pseudonym, "pseudonym");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(caregiver, "caregiver");
        providers = List.copyOf(providers);
        Objects.requireNonNull(daoTreasury, "daoTreasury");
    }

    /** A payout whose treasury part goes to the default payee (no DAO). */
    public Payout(Hash32 pseudonym, EvmAddress patient, Optional<EvmAddress> caregiver,
            List<ProviderShare> providers) {
        this(pseudonym, patient, caregiver, providers, Optional.empty());
    }

    /** The same payout, its treasury part going to {@code treasury} (empty: the default payee). */
    public Payout withDaoTreasury(Optional<EvmAddress> treasury) {
        return new Payout(pseudonym, patient, caregiver, providers, treasury);
    }

    /** A payout whose providers share the providers' part equally (the first one gets the remainder). */
    public static Payout equalShares(Hash32 pseudonym, EvmAddress patient, Optional<EvmAddress> caregiver,
            List<EvmAddress> providers) {
        return new Payout(pseudonym, patient, caregiver, providers.stream().map(p -> new ProviderShare(p, 1))
                .toList());
    }

    public List<Integer> weights() {
        return providers.stream().map(ProviderShare::weight).toList();
    }

    /**
     * The payout's leaf in the deal's cohort tree, as DataDeals' {@code leafOf} computes it:
     * {@code keccak256(keccak256(dealId ‖ pseudonym ‖ patient ‖ caregiver (or 20 zero bytes) ‖ uint32 n ‖ providers
     * (each left-padded to 32 bytes) ‖ weights (each a 32-byte big-endian integer) [‖ DAO treasury]))}, the DAO
     * treasury's 20 bytes only when there is one (so a payout without a DAO has the leaf StudyPayouts and
     * FederatedDeals compute too; the two forms differ in length modulo 64, so they never collide). Hashing twice keeps
     * a leaf from passing for an inner node.
     */
    public Hash32 leaf(Hash32 dealId) {
        int n = providers.size();
        ByteBuffer b = ByteBuffer.allocate(32 + 32 + 20 + 20 + 4 + 64 * n + (daoTreasury.isPresent() ? 20 : 0));
        b.put(dealId.bytes()).put(pseudonym.bytes()).put(bytes(patient))
                .put(caregiver.map(Payout::bytes).orElse(ZERO_ADDRESS)).putInt(n);
        for (ProviderShare p : providers) {
            b.put(new byte[12]).put(bytes(p.provider()));
        }
        for (ProviderShare p : providers) {
            b.put(new byte[28]).putInt(p.weight());
        }
        daoTreasury.ifPresent(t -> b.put(bytes(t)));
        return Hashing.keccak256(Hashing.keccak256(b.array()).bytes());
    }

    private static byte[] bytes(EvmAddress a) {
        return HexFormat.of().parseHex(a.hex().substring(2));
    }
}
