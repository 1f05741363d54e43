package io.salus.core.custody;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Signed;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import java.util.HexFormat;
import java.util.Map;

/**
 * The outbox messages that move a patient's identity to a new key (taking custody, recovery to a new device): the old
 * key's signed rotation on ConsentRegistry (idempotency key {@code rotate:<old address>}, relayed by
 * {@link RotationWorker}) and the new address's registration in IdentityRegistry.
 */
public final class RotationMessages {
    private RotationMessages() {
    }

    public static OutboxMessage rotation(AccountId account, Signed<Rotation> r) {
        return new OutboxMessage(TakeCustody.ROTATE_IDENTITY, "rotate:" + r.payload().patient().hex(), Map.of(
                "accountId", account.toString(), "patient", r.payload().patient().hex(), "newKey",
                r.payload().newKey().hex(), "nonce", Long.toString(r.nonce()), "deadline",
                Long.toString(r.deadline().getEpochSecond()), "signature", HexFormat.of().formatHex(r.signature())));
    }

    public static OutboxMessage registration(AccountId account, EvmAddress newAddress) {
        return new OutboxMessage(OutboxKinds.REGISTER_ACCOUNT, account + ":" + newAddress.hex(), Map.of("accountId",
                account.toString(), "address", newAddress.hex(), "kind", AccountKind.PATIENT.name()));
    }
}
