package io.salus.core.custody;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Signed;
import io.salus.core.error.Result;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.port.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers the on-chain rotations that taking custody enqueued (signed by the old key before it was deleted):
 * idempotent by the chain's own state (a key already rotated to the same new key completes the message); a refusal or
 * a chain fault is retried with a growing delay. Run by the outbox workers.
 */
public final class RotationWorker {
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private final Outbox outbox;
    private final IdentityRotation rotation;
    private final Clock clock;

    public RotationWorker(Outbox outbox, IdentityRotation rotation, Clock clock) {
        this.outbox = outbox;
        this.rotation = rotation;
        this.clock = clock;
    }

    public void runOnce() {
        for (OutboxEntry e : outbox.due(TakeCustody.ROTATE_IDENTITY, 16, clock.instant())) {
            try {
                deliver(e);
            } catch (RuntimeException ex) {
                retry(e, ex.toString());
            }
        }
    }

    private void deliver(OutboxEntry e) {
        Map<String, String> m = e.message().payload();
        EvmAddress patient = new EvmAddress(m.get("patient"));
        EvmAddress newKey = new EvmAddress(m.get("newKey"));
        Optional<EvmAddress> done = rotation.rotatedTo(patient);
        if (done.isPresent()) {
            outbox.complete(e.id(), Map.of("rotatedTo", done.get().hex(), "matches",
                    Boolean.toString(done.get().equals(newKey))), clock.instant());
            return;
        }
        Signed<Rotation> signed = new Signed<>(new Rotation(patient, newKey), patient,
                Long.parseLong(m.get("nonce")), Instant.ofEpochSecond(Long.parseLong(m.get("deadline"))),
                HexFormat.of().parseHex(m.get("signature")));
        Result<TxRef> sent = rotation.rotate(signed);
        if (sent instanceof Result.Ok<TxRef> ok) {
            outbox.complete(e.id(), Map.of("txHash", ok.value().txHash(), "block",
                    Long.toString(ok.value().blockNumber())), clock.instant());
        } else {
            retry(e, sent.failure().code().code() + ": " + sent.failure().detail());
        }
    }

    private void retry(OutboxEntry e, String error) {
        Duration delay = Duration.ofSeconds(1L << Math.min(e.attempts(), 8));
        outbox.retryLater(e.id(), error, clock.instant().plus(delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay));
    }
}
