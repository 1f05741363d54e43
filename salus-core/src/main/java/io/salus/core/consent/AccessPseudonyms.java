package io.salus.core.consent;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.KeyManager;
import io.salus.core.port.KeyPurpose;
import java.util.HexFormat;

/**
 * How a patient is named in the AccessLog event of one access: {@code keccak256(address ‖ opening)}, the opening being
 * HMAC-SHA256 of the access's audit hash under the node's {@link KeyPurpose#ACCESS_LOG} key. Each access gets its own
 * pseudonym: without the node's key, an event cannot be joined to the patient's registered address, nor two events of
 * one patient to each other. The node recomputes it to verify its books; handing an auditor (or the patient) the
 * opening of one event lets them check that event alone, on chain, with the patient's address. Thread-safe.
 */
public final class AccessPseudonyms {
    private final KeyManager keys;

    public AccessPseudonyms(KeyManager keys) {
        this.keys = keys;
    }

    /** The opening of the pseudonym in the event carrying {@code auditHash}. */
    public Hash32 opening(Hash32 auditHash) {
        return keys.keyedHash(KeyPurpose.ACCESS_LOG, auditHash.bytes());
    }

    /** The patient's pseudonym in the event carrying {@code auditHash}. */
    public Hash32 pseudonym(EvmAddress patient, Hash32 auditHash) {
        return of(patient, opening(auditHash));
    }

    /** The pseudonym an opening makes of an address: what anyone holding the opening can check on chain. */
    public static Hash32 of(EvmAddress patient, Hash32 opening) {
        return Hashing.keccak256(HexFormat.of().parseHex(patient.hex().substring(2)), opening.bytes());
    }
}
