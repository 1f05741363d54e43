package io.salus.core.usecase.consent;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AccessPseudonyms;
import io.salus.core.consent.AuditEntry;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.AccountStore;
import io.salus.core.port.AuditLog;
import io.salus.core.port.ConsentStore;
import java.util.List;
import java.util.Optional;

/**
 * The auditor's check of the node's books against the chain: each audit entry's stored AuditEvent must hash to its
 * recorded hash (the AuditEvent names the grant the release rested on), and each release must have an AccessLog event
 * on chain with that hash, the patient's pseudonym for that access (recomputed with the node's key: the chain never
 * names the patient), the same requester, category and purpose. Each check carries the opening of its event's
 * pseudonym, with which anyone holding the patient's address can check that one event on chain without the node.
 * Denials are audited off chain only. Thread-safe.
 */
public final class AuditVerifier {
    private final AccountStore accounts;
    private final AuditLog audit;
    private final ConsentStore store;
    private final ConsentSync sync;
    private final AccessPseudonyms pseudonyms;

    public AuditVerifier(AccountStore accounts, AuditLog audit, ConsentStore store, ConsentSync sync,
            AccessPseudonyms pseudonyms) {
        this.accounts = accounts;
        this.audit = audit;
        this.store = store;
        this.sync = sync;
        this.pseudonyms = pseudonyms;
    }

    public enum Status {
        VERIFIED,
        MISMATCH,
        MISSING_ON_CHAIN,
        PENDING,
        DENIAL_OFF_CHAIN
    }

    /**
     * One entry's verdict; {@code opening} (for releases) opens the patient's pseudonym in its AccessLog event:
     * {@link AccessPseudonyms#of}(patient address, opening) is the event's {@code patientPseudonym}.
     */
    public record Check(AuditEntry entry, Status status, String detail, Optional<Hash32> opening) {
        public Check(AuditEntry entry, Status status, String detail) {
            this(entry, status, detail, Optional.empty());
        }
    }

    /** Who may audit: the operator, an auditor, or the patient for their own trail. */
    public Result<List<Check>> forPatient(Account actor, AccountId patient, int limit) {
        if (!actor.id().equals(patient) && actor.kind() != AccountKind.AUDITOR
                && actor.kind() != AccountKind.OPERATOR) {
            return Result.fail(ErrorCode.FORBIDDEN, "only an auditor, the operator or the patient may verify");
        }
        sync.toHead();
        return Result.ok(audit.forPatient(patient, limit).stream().map(this::check).toList());
    }

    public Result<List<Check>> forRequester(Account actor, AccountId requester, int limit) {
        if (!actor.id().equals(requester) && actor.kind() != AccountKind.AUDITOR
                && actor.kind() != AccountKind.OPERATOR) {
            return Result.fail(ErrorCode.FORBIDDEN, "only an auditor, the operator or the requester may verify");
        }
        sync.toHead();
        return Result.ok(audit.forRequester(requester, limit).stream().map(this::check).toList());
    }

    Check check(AuditEntry e) {
        if (!Hashing.keccak256(e.auditEventJson()).equals(e.auditHash())) {
            return new Check(e, Status.MISMATCH, "the stored AuditEvent does not hash to its recorded hash");
        }
        if (!e.decision().permitted()) {
            return new Check(e, Status.DENIAL_OFF_CHAIN, "denials are audited off chain only");
        }
        List<ConsentEvent.AccessLogged> onChain = store.accessLogsByAuditHash(e.auditHash());
        if (onChain.isEmpty()) {
            return e.txHash().isPresent()
                    ? new Check(e, Status.MISSING_ON_CHAIN, "no AccessLog event carries this hash")
                    : new Check(e, Status.PENDING, "the AccessLog event is not mined yet");
        }
        Optional<Account> patient = accounts.find(e.patient());
        Optional<Account> requester = accounts.find(e.requester());
        Hash32 opening = pseudonyms.opening(e.auditHash());
        for (ConsentEvent.AccessLogged l : onChain) {
            String diff = difference(e, l, patient.map(p -> AccessPseudonyms.of(p.address(), opening)), requester);
            if (diff.isEmpty()) {
                return new Check(e, Status.VERIFIED, "AccessLog event in block " + l.block() + ", tx " + l.txHash()
                        + "; patient pseudonym " + l.patientPseudonym(), Optional.of(opening));
            }
            if (l == onChain.get(onChain.size() - 1)) {
                return new Check(e, Status.MISMATCH, diff, Optional.of(opening));
            }
        }
        return new Check(e, Status.MISMATCH, "no matching AccessLog event");
    }

    private static String difference(AuditEntry e, ConsentEvent.AccessLogged l, Optional<Hash32> pseudonym,
            Optional<Account> requester) {
        if (pseudonym.isEmpty() || !pseudonym.get().equals(l.patientPseudonym())) {
            return "the chain's pseudonym is not this patient's for this access";
        }
        if (requester.isEmpty() || !requester.get().address().equals(l.requester())) {
            return "the chain names another requester";
        }
        if (l.categories() != e.category().mask()) {
            return "the chain names other categories";
        }
        if (l.purpose() != e.purpose()) {
            return "the chain names another purpose (" + l.purpose() + ")";
        }
        return "";
    }
}
