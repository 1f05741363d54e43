package io.salus.node.wiring;

import io.salus.core.erasure.ErasureReceipt;
import io.salus.core.usecase.ErasureService;
import io.salus.core.usecase.ExportService;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.deal.DealErasure;
import io.salus.node.http.ErasedAccounts;
import io.salus.store.PostgresErasureStore;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires export and erasure. After an erasure commits, the patient is dropped from the in-memory cohort index, from the
 * HTTP guard's set and from every deal not yet delivered ({@link DealErasure}). At start the cohort index is already
 * rebuilt from the store (which holds nothing of erased patients), the guard's set is loaded from the store, and the
 * deals are unlinked again for every erased patient, so a crash between the commit and those steps brings nothing
 * back.
 */
record ErasureWiring(ErasureService erasure, ExportService export, ErasedAccounts erased) {
    private static final Logger LOG = LoggerFactory.getLogger(ErasureWiring.class);

    static ErasureWiring wire(Storage storage, MarketWiring market, RecordService records, Clock clock) {
        PostgresErasureStore store = new PostgresErasureStore(storage.jdbi());
        ErasedAccounts erased = new ErasedAccounts(store.erasedPatients());
        DealErasure deals = market.erasure();
        int unlinked = deals.unlink(store.erasedPatients());
        if (unlinked > 0) {
            LOG.info("unlinked erased patients from {} deal(s) at start", unlinked);
        }
        ErasureService erasure = new ErasureService(store, receipt -> afterCommit(receipt, storage, market, erased,
                deals), clock);
        return new ErasureWiring(erasure, new ExportService(storage.records(), records, store), erased);
    }

    private static void afterCommit(ErasureReceipt r, Storage storage, MarketWiring market, ErasedAccounts erased,
            DealErasure deals) {
        erased.add(r.patient());
        storage.accounts().find(r.patient())
                .ifPresent(a -> market.cohorts().remove(market.directory().ordinal(a.address())));
        int changed = deals.unlink(List.of(r.patient()));
        LOG.info("erased patient {}: {} record(s) shredded, {} deal(s) unlinked", r.patient(),
                r.recordsShredded(), changed);
    }
}
