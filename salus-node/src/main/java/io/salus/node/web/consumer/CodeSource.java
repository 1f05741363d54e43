package io.salus.node.web.consumer;

import java.util.List;

/** Where the code catalog reads the codes present in the node. Implementations are thread-safe. */
@FunctionalInterface
public interface CodeSource {

    /** Every distinct (kind, system, code) held by at least {@code minPatients} distinct patients. */
    List<CodeEntry> load(long minPatients);
}
