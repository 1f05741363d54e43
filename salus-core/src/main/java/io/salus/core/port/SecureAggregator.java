package io.salus.core.port;

import io.salus.core.error.Result;
import io.salus.core.recovery.ShamirShare;
import java.util.List;
import java.util.Map;

/**
 * Port: secure aggregation of one round of a federated study (Bonawitz et al., CCS 2017, the pairwise-mask part).
 * Each member makes two X25519 key pairs per round: one whose agreement with each peer seeds the pair's mask (expanded
 * by a PRG), one that seals the Shamir shares of the mask key it hands to each peer (relayed by the aggregator, which
 * cannot open them). Updates are real vectors, masked over 64-bit fixed point; the aggregator learns only the sum, and
 * a member that drops after the roster is fixed is recovered from a threshold of its peers' shares. Thread-safe.
 */
public interface SecureAggregator {

    /** A member's round keys; the private halves never leave the member (the mask key only as sealed shares). */
    record MemberKeys(int id, byte[] maskPrivate, byte[] maskPublic, byte[] sealPrivate, byte[] sealPublic) {
        public MemberKeys {
            maskPrivate = maskPrivate.clone();
            maskPublic = maskPublic.clone();
            sealPrivate = sealPrivate.clone();
            sealPublic = sealPublic.clone();
        }

        @Override
        public byte[] maskPrivate() {
            return maskPrivate.clone();
        }

        @Override
        public byte[] maskPublic() {
            return maskPublic.clone();
        }

        @Override
        public byte[] sealPrivate() {
            return sealPrivate.clone();
        }

        @Override
        public byte[] sealPublic() {
            return sealPublic.clone();
        }

        public Published published() {
            return new Published(maskPublic, sealPublic);
        }
    }

    /** What a member publishes for the roster. */
    record Published(byte[] maskPublic, byte[] sealPublic) {
        public Published {
            maskPublic = maskPublic.clone();
            sealPublic = sealPublic.clone();
        }

        @Override
        public byte[] maskPublic() {
            return maskPublic.clone();
        }

        @Override
        public byte[] sealPublic() {
            return sealPublic.clone();
        }
    }

    MemberKeys newKeys(int id);

    /**
     * The member's mask key split into Shamir shares, any {@code threshold} of which rebuild it, one sealed to each
     * other member of the roster (peer id → sealed share).
     */
    Result<Map<Integer, byte[]>> sealShares(byte[] round, MemberKeys self, Map<Integer, Published> roster,
            int threshold);

    /** Opens a share of {@code from}'s mask key sealed to this member; {@code STUDY_SHARE_INVALID} if it does not. */
    Result<ShamirShare> openShare(byte[] round, MemberKeys self, int from, byte[] fromSealPublic, byte[] sealed);

    /** The member's update masked for the roster (member id → mask public key). */
    Result<long[]> mask(byte[] round, MemberKeys self, Map<Integer, byte[]> maskRoster, double[] update);

    /**
     * The sum of the updates of the members that sent one; every member of the roster that did not needs at least
     * {@code threshold} shares of its mask key. Too few or wrong shares: {@code AGGREGATION_DROPOUT_UNRECOVERABLE}.
     */
    Result<double[]> sum(byte[] round, Map<Integer, byte[]> maskRoster, Map<Integer, long[]> masked,
            Map<Integer, List<ShamirShare>> dropoutShares, int threshold);
}
