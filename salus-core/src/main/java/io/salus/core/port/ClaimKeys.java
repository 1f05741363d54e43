package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;

/**
 * Per-deal claim addresses: a patient (or a caregiver) is paid in a deal at an address derived from a node-held secret,
 * the deal id and a label naming the payee ({@code "patient|0x…"}, {@code "caregiver|0x…|<pseudonym>"}), never at their
 * registered address, so a deal's payment events cannot be joined to a patient's account without the node's secret.
 * The node holds the key of every claim address (the payee's agent) and moves its tokens on the payee's request.
 * Thread-safe.
 */
public interface ClaimKeys {

    EvmAddress claimAddress(Hash32 dealId, String label);

    /** The claim address's 32-byte secp256k1 private key; the caller wipes it. */
    byte[] claimKey(Hash32 dealId, String label);

    static String patient(EvmAddress patient) {
        return "patient|" + patient.hex();
    }

    /** A caregiver's label in a deal: per caregiver and patient pseudonym, so two patients get two addresses. */
    static String caregiver(EvmAddress caregiver, io.salus.core.merkle.Hash32 patientPseudonym) {
        return "caregiver|" + caregiver.hex() + "|" + patientPseudonym.hex();
    }
}
