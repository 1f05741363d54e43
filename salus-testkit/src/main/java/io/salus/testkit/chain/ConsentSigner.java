package io.salus.testkit.chain;

import io.salus.chain.consent.EvmSigner;
import io.salus.core.consent.Signed;
import io.salus.core.port.ConsentLedger;
import io.salus.testkit.data.KeySpace;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Signs consent instructions as a patient, delegate or issuer would: the EIP-712 digest the {@link ConsentLedger}
 * names, the signer's next nonce there, a deadline an hour after {@code now}. Thread-safe.
 */
public final class ConsentSigner {
    public static final EvmSigner SIGNER = new EvmSigner();
    private final ConsentLedger ledger;
    private final Supplier<Instant> now;

    public ConsentSigner(ConsentLedger ledger, Supplier<Instant> now) {
        this.ledger = ledger;
        this.now = now;
    }

    /** The payload signed by {@code key} with its next nonce and a deadline in an hour. */
    public <T> Signed<T> sign(T payload, byte[] key) {
        return sign(payload, key, ledger.nextNonce(KeySpace.address(key), payload.getClass()), inAnHour());
    }

    public <T> Signed<T> sign(T payload, byte[] key, long nonce, Instant deadline) {
        Signed<T> unsigned = new Signed<>(payload, KeySpace.address(key), nonce, deadline, new byte[0]);
        return withSignature(unsigned, SIGNER.sign(ledger.digest(unsigned), key));
    }

    /** An hour after {@code now}, whole seconds. */
    public Instant inAnHour() {
        return Instant.ofEpochSecond(now.get().plusSeconds(3600).getEpochSecond());
    }

    public static <T> Signed<T> withSignature(Signed<T> s, byte[] signature) {
        return new Signed<>(s.payload(), s.signer(), s.nonce(), s.deadline(), signature);
    }
}
