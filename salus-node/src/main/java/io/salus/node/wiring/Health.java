package io.salus.node.wiring;

import io.salus.chain.EvmLedger;
import io.salus.core.outbox.OutboxKinds;
import java.util.LinkedHashMap;
import java.util.Map;

/** The /health report: database, chain head and pending outbox work. Never throws: a failing engine shows as down. */
final class Health {
    private final Storage storage;
    private final EvmLedger ledger;

    Health(Storage storage, EvmLedger ledger) {
        this.storage = storage;
        this.ledger = ledger;
    }

    Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean db = storage.healthy();
        Map<String, Object> chain = new LinkedHashMap<>();
        boolean chainUp;
        try {
            chain.put("chainId", ledger.chainId());
            chain.put("headBlock", ledger.headBlock());
            chainUp = true;
        } catch (RuntimeException e) {
            chain.put("error", String.valueOf(e.getMessage()));
            chainUp = false;
        }
        chain.put("status", chainUp ? "up" : "down");
        m.put("status", db && chainUp ? "ok" : "degraded");
        m.put("database", Map.of("status", db ? "up" : "down"));
        m.put("chain", chain);
        if (db) {
            m.put("outbox", Map.of("depositsAwaitingBatch", storage.outbox().pending(OutboxKinds.ANCHOR_DEPOSIT),
                    "batchesAwaitingAnchor", storage.outbox().pending(OutboxKinds.ANCHOR_BATCH),
                    "accountsAwaitingRegistration", storage.outbox().pending(OutboxKinds.REGISTER_ACCOUNT)));
        }
        return m;
    }
}
