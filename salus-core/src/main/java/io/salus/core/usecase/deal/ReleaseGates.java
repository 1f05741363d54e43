package io.salus.core.usecase.deal;

import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What else must hold before a staged deal's settlement releases its content key: each gate may refuse, with its
 * reason, and a refusal stops the settlement before anything is sent (fail closed). A federated study's deal waits for
 * the other members' payout parts (decision 0037). Gates are added at wiring, before the node serves. Thread-safe.
 */
public final class ReleaseGates {
    /** One condition on releasing a deal's key. */
    @FunctionalInterface
    public interface Gate {
        Result<Boolean> mayRelease(Hash32 dealId);
    }

    private final List<Gate> gates = new CopyOnWriteArrayList<>();

    public void add(Gate gate) {
        gates.add(gate);
    }

    Result<Boolean> check(Hash32 dealId) {
        for (Gate g : gates) {
            Result<Boolean> r = g.mayRelease(dealId);
            if (!r.isOk()) {
                return r;
            }
        }
        return Result.ok(true);
    }
}
