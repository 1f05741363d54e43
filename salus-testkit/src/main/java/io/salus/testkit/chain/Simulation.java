package io.salus.testkit.chain;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Simulated calls ({@code eth_call}) that tests send straight to a contract to see how it reverts. Under load the local
 * chain now and then answers a call with an error that carries no revert data at all; the Salus contracts revert only
 * with custom errors, which always carry a selector, so such an answer is a transient fault of the node, not the
 * contract's verdict: it is asked again (as the adapters' own reads retry failed calls).
 */
public final class Simulation {
    private static final int ATTEMPTS = 5;

    private Simulation() {
    }

    /** The revert data of the call, empty if it succeeds; an answer without revert data is asked again. */
    public static Optional<String> revertData(Supplier<Optional<String>> call) {
        Optional<String> r = call.get();
        for (int attempt = 1; attempt < ATTEMPTS && r.filter("0x"::equals).isPresent(); attempt++) {
            try {
                Thread.sleep(100L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
            r = call.get();
        }
        return r;
    }
}
