package io.salus.chain;

import io.salus.chain.internal.Rpc;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.UnavailableException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * The timestamp of a block by number, for dating chain events (alerts). Remembers the last few thousand answers (a
 * mined block's time does not change on this permissioned chain). Chain faults are {@link UnavailableException}s.
 * Thread-safe.
 */
public final class EvmBlockTimes implements LongFunction<Instant> {
    private static final int REMEMBERED = 4_096;
    private final Rpc rpc;
    private final Map<Long, Instant> cache = new Lru();

    /** Least recently used answers beyond {@link #REMEMBERED} are forgotten. */
    private static final class Lru extends LinkedHashMap<Long, Instant> {
        private static final long serialVersionUID = 1L;

        Lru() {
            super(256, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Instant> eldest) {
            return size() > REMEMBERED;
        }
    }

    private EvmBlockTimes(Rpc rpc) {
        this.rpc = rpc;
    }

    /** Block times on the ledger's chain, valid until the ledger is closed. */
    public static EvmBlockTimes on(EvmLedger ledger) {
        return new EvmBlockTimes(ledger.access().rpc());
    }

    @Override
    public Instant apply(long block) {
        synchronized (cache) {
            Instant known = cache.get(block);
            if (known != null) {
                return known;
            }
        }
        EthBlock b = rpc.call("eth_getBlockByNumber " + block, () -> rpc.web3j()
                .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false).send());
        if (b.hasError() || b.getBlock() == null) {
            throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "no block " + block, null);
        }
        Instant t = Instant.ofEpochSecond(b.getBlock().getTimestamp().longValueExact());
        synchronized (cache) {
            cache.put(block, t);
        }
        return t;
    }
}
