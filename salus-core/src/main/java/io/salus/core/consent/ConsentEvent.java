package io.salus.core.consent;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;

/**
 * What the consent contracts emitted, decoded: the input of every off-chain projection (PostgreSQL, in-memory index),
 * which can be dropped and rebuilt from these events alone. {@code block} orders them; within a block,
 * {@code logIndex}.
 */
public sealed interface ConsentEvent {
    long block();

    int logIndex();

    record GrantRecorded(Grant grant, int logIndex) implements ConsentEvent {
        @Override
        public long block() {
            return grant.grantedAtBlock();
        }
    }

    record GrantRevoked(long grantId, long block, int logIndex) implements ConsentEvent {
    }

    record DelegationSet(Delegation delegation, int logIndex) implements ConsentEvent {
        @Override
        public long block() {
            return delegation.atBlock();
        }
    }

    record IssuerTrusted(EvmAddress issuer, int attestationTypes, long block, int logIndex) implements ConsentEvent {
    }

    record AttestationRecorded(Attestation attestation, int logIndex) implements ConsentEvent {
        @Override
        public long block() {
            return attestation.issuedAtBlock();
        }
    }

    record AttestationRevoked(long attestationId, long block, int logIndex) implements ConsentEvent {
    }

    /**
     * An access released under consent, referencing the off-chain AuditEvent by the hash of its JSON; the patient only
     * by this access's pseudonym ({@link AccessPseudonyms}).
     */
    record AccessLogged(Hash32 auditHash, Hash32 patientPseudonym, EvmAddress requester, long categories,
            Purpose purpose, String txHash, long block, int logIndex) implements ConsentEvent {
    }
}
