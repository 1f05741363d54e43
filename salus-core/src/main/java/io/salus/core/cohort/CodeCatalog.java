package io.salus.core.cohort;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.CodeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Code search for the cohort builder over the codes consenting patients hold in the node. What is listed is one
 * differentially private release ({@link CatalogRelease}: noisy contribution-bounded counts among consenting patients,
 * listed only well above the small-cell threshold, units by the same rule), made at most once per window of
 * {@code lifetime} (consecutive windows from the epoch, like the privacy budget's periods) and served unchanged until
 * the window ends, so watching the catalogue cannot average the noise away and a deposit or an
 * erasure shows, if at all, only at the next release and within its guarantee. No count is ever returned. Each system
 * is shown by its alias in the criteria language ({@code loinc}). A query matches a code by prefix (listed first) or
 * substring, case-insensitively; {@code system:code} (e.g. {@code loinc:4548}) narrows to one code system.
 * Thread-safe.
 */
public final class CodeCatalog {
    public static final int MAX_RESULTS = 50;
    public static final int MAX_QUERY = 64;
    private final CodeSource source;
    private final CatalogRelease release;
    private final Clock clock;
    private final Duration lifetime;
    private volatile Snapshot snapshot;

    public CodeCatalog(CodeSource source, CatalogRelease release, Clock clock, Duration lifetime) {
        this.source = source;
        this.release = release;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** One release and the end of the window it is served in. */
    private record Snapshot(Instant until, List<CodeEntry> entries) {
    }

    /** Up to {@code limit} (at most {@link #MAX_RESULTS}) codes matching the query, optionally of one kind. */
    public Result<List<CodeEntry>> search(String query, Optional<FeatureKind> kind, int limit) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty() || q.length() > MAX_QUERY) {
            return Result.fail(Failure.of(ErrorCode.CODE_QUERY_INVALID,
                    "type 1 to " + MAX_QUERY + " characters of a code, optionally as system:code", "q"));
        }
        String system = null;
        int colon = q.indexOf(':');
        if (colon > 0 && !q.startsWith("http")) {
            system = q.substring(0, colon);
            q = q.substring(colon + 1);
        }
        int max = Math.max(1, Math.min(MAX_RESULTS, limit));
        List<CodeEntry> prefix = new ArrayList<>();
        List<CodeEntry> inside = new ArrayList<>();
        for (CodeEntry e : entries()) {
            if (kind.isPresent() && e.kind() != kind.get() || system != null && !e.system().equals(system)) {
                continue;
            }
            String code = e.code().toLowerCase(Locale.ROOT);
            if (code.startsWith(q)) {
                prefix.add(e);
            } else if (code.contains(q) && inside.size() < max) {
                inside.add(e);
            }
        }
        List<CodeEntry> out = new ArrayList<>(prefix);
        out.addAll(inside);
        return Result.ok(List.copyOf(out.subList(0, Math.min(max, out.size()))));
    }

    private static CodeEntry aliased(CodeEntry e) {
        return new CodeEntry(e.kind(), CodeSystems.alias(e.system()), e.code(), e.units());
    }

    private List<CodeEntry> entries() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || !now.isBefore(s.until())) {
            synchronized (this) {
                s = snapshot;
                if (s == null || !now.isBefore(s.until())) {
                    long length = lifetime.getSeconds();
                    Instant until = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), length) * length
                            + length);
                    s = new Snapshot(until, release.release(source).stream().map(CodeCatalog::aliased).toList());
                    snapshot = s;
                }
            }
        }
        return s.entries();
    }
}
