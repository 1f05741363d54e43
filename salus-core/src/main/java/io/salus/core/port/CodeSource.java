package io.salus.core.port;

import io.salus.core.cohort.CodeCount;
import java.util.List;

/**
 * Where the code catalogue reads how many consenting patients hold each code in each unit (by system URI). Each patient
 * counts in at most {@code maxPerPatient} (kind, system, code, unit) partitions, taken in an order drawn from
 * {@code seed} (so adding or removing one patient changes at most that many counts, each by one: the sensitivity the
 * catalogue's noise is calibrated to). Only patients with a standing consent count; partitions no one counts in are
 * left out. The counts never leave the node unnoised. Implementations are thread-safe.
 */
@FunctionalInterface
public interface CodeSource {

    List<CodeCount> countConsenting(int maxPerPatient, long seed);
}
