package io.salus.core.move;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.time.Instant;

/**
 * The patient's account as it moves: the same id, address and DID, the private keys the bank held as the patient's
 * agent (opened, to be sealed again under the receiving node's KEK), and the hash of the patient's API token, so
 * the token the patient holds works at the new home and nowhere else.
 */
public record MovedAccount(AccountId id, String displayName, EvmAddress address, String did,
        byte[] signingPrivateKey, byte[] encryptionPrivateKey, Hash32 apiTokenHash, Instant createdAt) {
}
