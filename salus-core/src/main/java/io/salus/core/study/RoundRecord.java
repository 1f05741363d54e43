package io.salus.core.study;

import io.salus.core.account.EvmAddress;
import io.salus.core.compute.LogisticModel;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One finished round of a study: the model it produced, the member nodes whose masked updates were summed (and those
 * recovered after dropping out), the ε each participant has spent so far by the accountant, the training loss at the
 * round's starting model (the summed noisy loss over the summed noisy count; NaN for rounds stored before it was
 * released), and how long it took. On
 * chain it is the digest keccak-256(model hash ‖ participants hash ‖ ε spent as text) under the key
 * keccak-256("salus/study-round/1" ‖ study id ‖ round). Immutable.
 */
public record RoundRecord(UUID study, int round, LogisticModel model, List<EvmAddress> participants,
        List<EvmAddress> dropped, double epsilonSpent, double loss, long millis) {
    public RoundRecord {
        participants = List.copyOf(participants);
        dropped = List.copyOf(dropped);
    }

    /** keccak-256 of the model's parameters as big-endian IEEE 754 doubles, intercept first. */
    public static Hash32 modelHash(LogisticModel model) {
        double[] p = model.parameters();
        ByteBuffer b = ByteBuffer.allocate(p.length * Double.BYTES);
        for (double v : p) {
            b.putDouble(v);
        }
        return Hashing.keccak256(b.array());
    }

    public Hash32 modelHash() {
        return modelHash(model);
    }

    /** keccak-256 of the participants' addresses, in order. */
    public Hash32 participantsHash() {
        byte[][] parts = participants.stream().map(a -> HexFormat.of().parseHex(a.hex().substring(2)))
                .toArray(byte[][]::new);
        return Hashing.keccak256(parts);
    }

    /** The ε spent, as the text hashed on chain (six decimals). */
    public String epsilonText() {
        return String.format(Locale.ROOT, "%.6f", epsilonSpent);
    }

    public Hash32 key() {
        ByteBuffer b = ByteBuffer.allocate(20).putLong(study.getMostSignificantBits())
                .putLong(study.getLeastSignificantBits()).putInt(round);
        return Hashing.keccak256("salus/study-round/1".getBytes(StandardCharsets.US_ASCII), b.array());
    }

    public Hash32 digest() {
        return Hashing.keccak256(modelHash().bytes(), participantsHash().bytes(),
                epsilonText().getBytes(StandardCharsets.US_ASCII));
    }
}
