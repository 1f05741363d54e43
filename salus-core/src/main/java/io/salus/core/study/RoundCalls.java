package io.salus.core.study;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Payout;
import io.salus.core.port.SecureAggregator.Published;
import io.salus.core.recovery.ShamirShare;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The four calls of a round (and, after the last, the payees call), coordinator to member, each addressed to one member ({@code audience}; a call for another
 * member is refused, so it cannot be replayed elsewhere), and their answers. Immutable values.
 */
public final class RoundCalls {
    private RoundCalls() {
    }

    /** 1. Begin the round: the member re-checks consent, computes its noisy update at {@code model}, makes keys. */
    public record Begin(EvmAddress audience, StudyTerms terms, int round, int memberId, double[] model) {
        public Begin {
            model = model.clone();
        }

        @Override
        public double[] model() {
            return model.clone();
        }
    }

    /** 2. The roster is fixed: the member seals shares of its mask key to each peer. */
    public record Share(EvmAddress audience, UUID study, int round, Map<Integer, Published> roster, int threshold) {
        public Share {
            roster = Map.copyOf(roster);
        }
    }

    /**
     * 3. The members that sealed their shares ({@code maskWith}: the members masked against) and the shares sealed to
     * this member (sender id → sealed share): the member answers its masked update.
     */
    public record Mask(EvmAddress audience, UUID study, int round, List<Integer> maskWith,
            Map<Integer, byte[]> sealedToMe, boolean last) {
        public Mask {
            maskWith = List.copyOf(maskWith);
            sealedToMe = Map.copyOf(sealedToMe);
        }
    }

    /** A masked update, and on the last round the member's patient count for the payouts. */
    public record Masked(long[] masked, Optional<Integer> patients) {
        public Masked {
            masked = masked.clone();
        }

        @Override
        public long[] masked() {
            return masked.clone();
        }
    }

    /** 4. Members that dropped after the roster was fixed: each survivor hands in its shares of their mask keys. */
    public record Unmask(EvmAddress audience, UUID study, int round, List<Integer> dropped) {
        public Unmask {
            dropped = List.copyOf(dropped);
        }
    }

    /** Dropped member id → this member's share of its mask key. */
    public record Shares(Map<Integer, ShamirShare> shares) {
        public Shares {
            shares = Map.copyOf(shares);
        }
    }

    /**
     * 5. After the last round, to each member that trained it (other than the coordinating node, whose patients the
     * deal's settlement pays): who its contributing patients' payees are, for the study's payout part.
     */
    public record Payees(EvmAddress audience, UUID study, int round) {
    }

    /** A member's payees: one payout per patient it trained the last round on, built under its part's key. */
    public record PayeeList(List<Payout> payouts) {
        public PayeeList {
            payouts = List.copyOf(payouts);
        }
    }
}
