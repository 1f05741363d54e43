package io.salus.bench.batching;

import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Signed;
import io.salus.core.error.Result;
import io.salus.core.port.ConsentLedger.GrantReceipt;
import io.salus.core.usecase.consent.ConsentService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Client-signed grants through the node's use case ({@link ConsentService#relayGrant}: signature checked, queued in
 * the node's consent relay, mined and projected) from many concurrent callers, as patients' apps would send them.
 */
final class NodeRelay {
    private NodeRelay() {
    }

    record Outcome(double perSecond, boolean allRecorded) {
    }

    static Outcome run(ConsentService consents, Signers signers, int grants, int callers) {
        List<Signed<GrantTerms>> signed = signers.grants(grants);
        List<Future<Result<GrantReceipt>>> calls = new ArrayList<>(grants);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (Signed<GrantTerms> s : signed) {
                calls.add(pool.submit(() -> consents.relayGrant(s)));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long ids = calls.stream().map(NodeRelay::get).filter(Result::isOk)
                .map(r -> r.orElseThrow().grantId()).distinct().count();
        return new Outcome(grants / seconds, ids == grants);
    }

    private static Result<GrantReceipt> get(
            Future<Result<GrantReceipt>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a relayed grant failed", e.getCause());
        }
    }
}
