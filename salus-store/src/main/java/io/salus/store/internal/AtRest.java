package io.salus.store.internal;

import io.salus.core.account.AccountId;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.KeyManager;
import io.salus.core.port.KeyPurpose;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * How the store keeps values at rest: the blind indexes it looks values up by (keyed hashes under
 * {@link KeyPurpose#BLIND_INDEX}, each bound to its owner, so equal values of different owners do not match in a
 * dump), and the associated data of the values it seals under the KEK (each bound to its row). Stateless.
 */
public final class AtRest {
    private AtRest() {
    }

    /** The blind index of a patient identifier ({@code system|value}), bound to the patient. */
    public static Hash32 identifierIndex(KeyManager keys, AccountId patient, String identifier) {
        return keys.keyedHash(KeyPurpose.BLIND_INDEX, utf8("patient-identifier\n" + patient + "\n" + identifier));
    }

    /** What the {@code deposit.idempotency_key} column holds: the hex of the key's blind index, bound to the author. */
    public static String idempotencyIndex(KeyManager keys, AccountId author, String idempotencyKey) {
        return keys.keyedHash(KeyPurpose.BLIND_INDEX, utf8("idempotency-key\n" + author + "\n" + idempotencyKey))
                .hex();
    }

    public static byte[] fhirIdAad(UUID record) {
        return utf8("salus-fhir-id-v1|" + record);
    }

    public static byte[] featuresAad(UUID deposit, AccountId patient) {
        return utf8("salus-cohort-features-v1|" + deposit + "|" + patient);
    }

    public static byte[] factsAad(AccountId patient) {
        return utf8("salus-patient-facts-v1|" + patient);
    }

    /** Opens a value the store sealed; one that does not open was altered in the database: a fault. */
    public static byte[] open(KeyManager keys, byte[] sealed, byte[] associatedData, String what) {
        Result<byte[]> opened = keys.openValue(sealed, associatedData);
        if (!(opened instanceof Result.Ok<byte[]> ok)) {
            throw new SalusException(what + " does not open under the node's KEK: altered in the database?");
        }
        return ok.value();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
