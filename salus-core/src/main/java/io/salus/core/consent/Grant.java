package io.salus.core.consent;

import java.util.Optional;

/**
 * A grant as the chain recorded it: its id, its terms, who signed it (the patient or a delegate managing consent), the
 * block that carried it and, once revoked, the block that carried the revocation. A revocation is effective for every
 * decision taken at that block or later.
 */
public record Grant(long id, GrantTerms terms, io.salus.core.account.EvmAddress signer, long grantedAtBlock,
        Optional<Long> revokedAtBlock) {

    public boolean revokedAt(long block) {
        return revokedAtBlock.isPresent() && revokedAtBlock.get() <= block;
    }
}
