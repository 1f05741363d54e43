package io.salus.chain.zk.internal;

import io.salus.chain.internal.Rpc;
import io.salus.chain.internal.TxSender;
import io.salus.chain.zk.internal.GasCalls.Outcome;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import java.math.BigInteger;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Writes that are simulated first ({@code eth_call} with an explicit gas limit), so a refusal costs no transaction and
 * comes back as the failure code of its custom error in the {@link ErrorTable}; then sent. A transaction that reverts
 * all the same (a race) is simulated again for its code. Also views that must not revert. Thread-safe.
 */
public final class SimulatedWrites {
    /** The gas of a simulation and of a view when the caller names none. */
    public static final BigInteger VIEW_GAS = BigInteger.valueOf(2_000_000);
    private final GasCalls calls;
    private final ErrorTable errors;

    public SimulatedWrites(Rpc rpc, ErrorTable errors) {
        this.calls = new GasCalls(rpc);
        this.errors = errors;
    }

    /** Simulates with {@code gas} (or {@link #VIEW_GAS}), then sends with {@code gas} (or an estimate when null). */
    public Result<TransactionReceipt> transact(TxSender sender, EvmAddress to, String data, BigInteger gas) {
        Outcome o = calls.call(sender.from(), to, data, gas == null ? VIEW_GAS : gas);
        if (o.reverted()) {
            return failure(o);
        }
        try {
            return Result.ok(gas == null ? sender.send(to.hex(), data) : sender.send(to.hex(), data, gas));
        } catch (SalusException e) {
            Outcome again = calls.call(sender.from(), to, data, gas == null ? VIEW_GAS : gas);
            if (again.reverted()) {
                return failure(again);
            }
            throw e;
        }
    }

    /** A simulated call's outcome, as it is. */
    public Outcome call(String from, EvmAddress to, String data, BigInteger gas) {
        return calls.call(from, to, data, gas);
    }

    /** The return data of a view; a revert is a fault (a view of ours does not revert). */
    public String view(String from, EvmAddress to, String data, BigInteger gas) {
        Outcome o = calls.call(from, to, data, gas);
        if (o.reverted()) {
            throw new SalusException("a view of " + to + " reverted: " + errors.name(o.revertData())
                    .orElse(o.revertData()));
        }
        return o.returnData();
    }

    /** The failure a reverted simulation means: its error's code, or INVALID_REQUEST for an error not listed. */
    public <T> Result<T> failure(Outcome o) {
        String name = errors.name(o.revertData()).orElse("an unknown error " + o.revertData());
        return Result.fail(errors.code(o.revertData()).orElse(ErrorCode.INVALID_REQUEST), "the contract refused: "
                + name);
    }
}
