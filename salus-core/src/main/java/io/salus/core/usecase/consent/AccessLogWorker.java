package io.salus.core.usecase.consent;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.AccessPseudonyms;
import io.salus.core.consent.AuditEntry;
import io.salus.core.consent.Purpose;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.port.AuditLog;
import io.salus.core.port.ConsentLedger;
import io.salus.core.port.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivers AccessLog events a release could not deliver itself (the node died, or the chain failed, after the audit
 * entry was stored). It only takes messages older than a grace period, so it does not race the release's own
 * delivery; an entry already marked logged is completed without a second event. At-least-once: a crash between
 * mining and marking can log an access twice under the same audit hash, which the auditor's check tolerates. Not
 * thread-safe: one instance per node on one thread.
 */
public final class AccessLogWorker {
    private final Outbox outbox;
    private final AuditLog audit;
    private final ConsentLedger ledger;
    private final AccessPseudonyms pseudonyms;
    private final Clock clock;
    private final Duration grace;

    public AccessLogWorker(Outbox outbox, AuditLog audit, ConsentLedger ledger, AccessPseudonyms pseudonyms,
            Clock clock, Duration grace) {
        this.outbox = outbox;
        this.audit = audit;
        this.ledger = ledger;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.grace = grace;
    }

    public int runOnce() {
        int done = 0;
        for (OutboxEntry e : outbox.due(OutboxKinds.ACCESS_LOG, 32, clock.instant().minus(grace))) {
            Map<String, String> p = e.message().payload();
            UUID entryId = UUID.fromString(p.get("entryId"));
            Optional<AuditEntry> entry = audit.find(entryId);
            try {
                if (entry.isPresent() && entry.get().txHash().isPresent()) {
                    outbox.complete(e.id(), Map.of("txHash", entry.get().txHash().get()), clock.instant());
                    continue;
                }
                Hash32 auditHash = Hash32.fromHex(p.get("auditHash"));
                TxRef tx = ledger.logAccess(auditHash, pseudonym(p, auditHash), new EvmAddress(p.get("requester")),
                        Long.parseLong(p.get("categories")), Purpose.valueOf(p.get("purpose")));
                audit.markLogged(entryId, tx.txHash(), tx.blockNumber());
                outbox.complete(e.id(), Map.of("txHash", tx.txHash()), clock.instant());
                done++;
            } catch (SalusException ex) {
                outbox.retryLater(e.id(), String.valueOf(ex.getMessage()), clock.instant().plusSeconds(5));
            }
        }
        return done;
    }

    /** The payload's pseudonym; a message an older node wrote names the patient, whose pseudonym is derived here. */
    private Hash32 pseudonym(Map<String, String> payload, Hash32 auditHash) {
        String given = payload.get("patientPseudonym");
        return given != null
                ? Hash32.fromHex(given)
                : pseudonyms.pseudonym(new EvmAddress(payload.get("patient")), auditHash);
    }
}
