package io.salus.node.wiring;

import io.salus.core.port.KeyManager;
import io.salus.core.usecase.FeatureBackfill;
import io.salus.fhir.FeatureExtractor;
import io.salus.store.PostgresFeatureBackfill;
import java.io.PrintStream;
import java.time.Clock;

/**
 * The cohort-feature backfill at start ({@link FeatureBackfill}): before the cohort index is rebuilt, deposits whose
 * features were never extracted get them, with progress on the console. Prints nothing when nothing is pending.
 */
final class FeatureBackfillWiring {
    static final int BATCH = 200;

    private FeatureBackfillWiring() {
    }

    static FeatureBackfill.Outcome run(Storage storage, KeyManager keys, Clock clock, PrintStream out) {
        FeatureBackfill backfill = new FeatureBackfill(new PostgresFeatureBackfill(storage.jdbi(), keys, clock),
                storage.records(), keys, new FeatureExtractor(), BATCH);
        long pending = backfill.pending();
        if (pending == 0) {
            return new FeatureBackfill.Outcome(0, 0, 0, 0);
        }
        out.println("Cohort features: " + pending + " deposits have none extracted yet; backfilling");
        ConsoleProgress progress = new ConsoleProgress(out, "Cohort features");
        FeatureBackfill.Outcome o = backfill.run(done -> progress.report("backfilled deposits", done, pending));
        out.println("Cohort features: backfilled " + o.completed() + " deposits (" + o.features() + " features)"
                + (o.failed() == 0
                        ? ""
                        : "; " + o.failed() + " deposits whose records do not open are left for the "
                                + "next start"));
        return o;
    }
}
