package io.salus.core.study;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.merkle.MerkleTree;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One member's payout part of a study (decision 0037): the member node, how many patients it trained the last round
 * on (its own count, reported with its masked update), and the payouts it reported for them, built under the part's
 * key; their Merkle root is what StudyPayouts pays against, at most {@code payouts.size()} patients. Immutable.
 */
public record StudyPart(EvmAddress member, int trained, List<Payout> payouts) {
    public StudyPart {
        Objects.requireNonNull(member, "member");
        payouts = List.copyOf(payouts);
    }

    /** The study's id in StudyPayouts: keccak-256("salus/study-payouts/1" ‖ study id). */
    public static Hash32 studyKey(UUID study) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(study.getMostSignificantBits())
                .putLong(study.getLeastSignificantBits());
        return Hashing.keccak256("salus/study-payouts/1".getBytes(StandardCharsets.US_ASCII), b.array());
    }

    /** The key a member's leaves are built under, as StudyPayouts' {@code partKey}: keccak-256(study key ‖ member). */
    public static Hash32 partKey(Hash32 studyKey, EvmAddress member) {
        return Hashing.keccak256(studyKey.bytes(), HexFormat.of().parseHex(member.hex().substring(2)));
    }

    public static Hash32 partKey(UUID study, EvmAddress member) {
        return partKey(studyKey(study), member);
    }

    public Hash32 root(UUID study) {
        return tree(study).root();
    }

    /** Every payout with its proof against the part's root. */
    public List<ProvenPayout> proven(UUID study) {
        MerkleTree tree = tree(study);
        List<ProvenPayout> out = new ArrayList<>();
        for (int i = 0; i < payouts.size(); i++) {
            out.add(new ProvenPayout(payouts.get(i), tree.proof(i)));
        }
        return out;
    }

    private MerkleTree tree(UUID study) {
        Hash32 key = partKey(study, member);
        return MerkleTree.of(payouts.stream().map(p -> p.leaf(key)).toList());
    }
}
