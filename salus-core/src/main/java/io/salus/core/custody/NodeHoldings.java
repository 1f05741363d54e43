package io.salus.core.custody;

import io.salus.core.account.AccountId;
import io.salus.core.account.CustodyMode;
import io.salus.core.account.EvmAddress;
import java.util.Optional;

/**
 * What the node holds for an account: its custody mode, the public keys, and whether a private signing or
 * encryption key is kept (sealed under the KEK). In self-custody both flags are false.
 */
public record NodeHoldings(AccountId account, CustodyMode mode, EvmAddress address, byte[] encryptionPublicKey,
        Optional<byte[]> signingPublicKey, boolean holdsSigningPrivateKey, boolean holdsEncryptionPrivateKey) {
}
