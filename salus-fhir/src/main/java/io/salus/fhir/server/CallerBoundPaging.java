package io.salus.fhir.server;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.BasePagingProvider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Paging for searches, bound to the caller: the results of a search stay in memory for a short time under a random
 * 128-bit id, and a later page is served only to the same account and client that ran the search (to anyone else the
 * id does not exist). For anyone but the patient, every later page is decided again by the decision point (audited,
 * logged on chain) before it is served, so a consent revoked after the first page withholds the rest. At most
 * {@code capacity} searches are kept (oldest dropped first). Thread-safe.
 */
final class CallerBoundPaging extends BasePagingProvider {
    private record Stored(String binding, SearchResults results, Instant at) {
    }

    private final Map<String, Stored> stored = new LinkedHashMap<>();
    private final FhirReads reads;
    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    private final SecureRandom random;

    CallerBoundPaging(FhirReads reads, Clock clock, SecureRandom random, Duration ttl, int capacity) {
        this.reads = reads;
        this.clock = clock;
        this.random = random;
        this.ttl = ttl;
        this.capacity = capacity;
        setDefaultPageSize(50);
        setMaximumPageSize(500);
    }

    @Override
    public boolean canStoreSearchResults() {
        return true;
    }

    @Override
    public synchronized String storeResultList(RequestDetails rd, IBundleProvider list) {
        purge();
        byte[] b = new byte[16];
        random.nextBytes(b);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        stored.put(id, new Stored(Callers.of(rd).binding(), (SearchResults) list, clock.instant()));
        while (stored.size() > capacity) {
            Iterator<String> oldest = stored.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return id;
    }

    @Override
    public IBundleProvider retrieveResultList(RequestDetails rd, String id) {
        Stored s;
        synchronized (this) {
            purge();
            s = stored.get(id);
        }
        FhirCaller caller = Callers.of(rd);
        if (s == null || !s.binding().equals(caller.binding())) {
            return null;
        }
        if (!caller.account().id().equals(s.results().found().patient())) {
            reads.recheck(caller, s.results().found());
        }
        return s.results();
    }

    private void purge() {
        Instant oldest = clock.instant().minus(ttl);
        stored.values().removeIf(s -> s.at().isBefore(oldest));
    }
}
