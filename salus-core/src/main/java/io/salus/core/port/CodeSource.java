package io.salus.core.port;

import io.salus.core.cohort.CodeEntry;
import java.util.List;

/**
 * Where the code catalog reads the codes present in the node (by system URI). The patients' counts never leave the
 * source. Implementations are thread-safe.
 */
@FunctionalInterface
public interface CodeSource {

    /** Every distinct (kind, system, code) held by at least {@code minPatients} distinct patients. */
    List<CodeEntry> load(long minPatients);
}
