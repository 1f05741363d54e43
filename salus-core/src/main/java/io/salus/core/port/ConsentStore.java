package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.Grant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The PostgreSQL projection of the consent contracts' events. It can be dropped and rebuilt from the chain;
 * {@link #syncedBlock} is the last block whose events are all applied. Thread-safe.
 */
public interface ConsentStore {

    /** Applies events (in chain order) and advances the cursor to {@code uptoBlock}, in one transaction. Idempotent. */
    void apply(List<ConsentEvent> events, long uptoBlock);

    /** The last block fully applied, or -1 before the first sync. */
    long syncedBlock();

    /** Forgets the projection (for a rebuild from the chain). */
    void reset();

    List<Grant> grantsOf(EvmAddress patient);

    /**
     * The grants of each of the patients in one read, each list as {@link #grantsOf} returns it (in id order); every
     * patient asked is a key, one without grants with an empty list (a deal's match and delivery read their members'
     * grants this way).
     */
    Map<EvmAddress, List<Grant>> grantsOfAll(Collection<EvmAddress> patients);

    Optional<Grant> grant(long grantId);

    List<Attestation> attestationsOf(EvmAddress subject);

    /** The issuer's trusted attestation-type mask (0 when not trusted). */
    int trustedTypes(EvmAddress issuer);

    /** Whether the issuer is trusted for this attestation type. */
    default boolean trusts(EvmAddress issuer, AttestationType type) {
        return (trustedTypes(issuer) & type.mask()) != 0;
    }

    /** The latest delegation from patient to delegate, if any. */
    Optional<Delegation> delegation(EvmAddress patient, EvmAddress delegate);

    List<Delegation> delegationsOf(EvmAddress patient);

    /**
     * The delegations of each of the patients in one read, each list as {@link #delegationsOf} returns it; every
     * patient asked is a key, one without delegations with an empty list.
     */
    Map<EvmAddress, List<Delegation>> delegationsOfAll(Collection<EvmAddress> patients);

    /** The latest delegation of every patient who delegated to {@code delegate} (revoked ones included). */
    List<Delegation> delegationsTo(EvmAddress delegate);

    /** The latest delegation of every (patient, delegate) pair, for rebuilding the in-memory index. */
    void forEachDelegation(Consumer<Delegation> sink);

    /** Every grant, in id order, for rebuilding the in-memory index. */
    void forEachGrant(Consumer<Grant> sink);

    /** The AccessLog events carrying an audit hash (normally one; more if a delivery was repeated). */
    List<io.salus.core.consent.ConsentEvent.AccessLogged> accessLogsByAuditHash(io.salus.core.merkle.Hash32 hash);

    /** Every attestation, for rebuilding the in-memory index. */
    void forEachAttestation(Consumer<Attestation> sink);
}
