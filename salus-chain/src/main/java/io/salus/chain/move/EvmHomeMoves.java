package io.salus.chain.move;

import io.salus.chain.EvmLedger;
import io.salus.chain.consent.ConsentTypedData;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Eip712;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.IdentityRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Signed;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.move.HomeMove;
import io.salus.core.move.HomeMoves;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;

/**
 * {@link HomeMoves} on IdentityRegistry ({@code moveHomeBySig}, {@code movedFrom}, its EIP-712 nonces under the
 * domain {@code "Salus Identity"}), written through the ledger's relayer and mined before it returns. Thread-safe.
 */
public final class EvmHomeMoves implements HomeMoves {
    static final String MOVE_TYPE = "Move(address account,address from,address to,uint256 nonce,uint256 deadline)";
    private static final EvmAddress NONE = new EvmAddress("0x" + "0".repeat(40));
    private final TxSender sender;
    private final ChainReads chain;
    private final EvmAddress registry;
    private final Hash32 domain;

    private EvmHomeMoves(EvmLedger ledger) {
        this.sender = ledger.access().sender();
        this.chain = sender.reads();
        this.registry = ledger.access().contracts().identityRegistry();
        this.domain = ConsentTypedData.domainSeparator("Salus Identity", ledger.chainId(), registry);
    }

    public static EvmHomeMoves on(EvmLedger ledger) {
        return new EvmHomeMoves(ledger);
    }

    @Override
    public long nextNonce(EvmAddress account) {
        return chain.uint(registry, Abi.encode(IdentityRegistry.FUNC_NONCES, new Address(account.hex())))
                .longValueExact();
    }

    @Override
    public Hash32 digest(Signed<HomeMove> s) {
        HomeMove m = s.payload();
        return Eip712.digest(domain, Eip712.words(Eip712.text(MOVE_TYPE), Eip712.address(m.account()),
                Eip712.address(m.from()), Eip712.address(m.to()), Eip712.uint(s.nonce()),
                Eip712.uint(s.deadline().getEpochSecond())));
    }

    @Override
    public Result<TxRef> move(Signed<HomeMove> s) {
        HomeMove m = s.payload();
        String data = Abi.encode(IdentityRegistry.FUNC_MOVEHOMEBYSIG, new IdentityRegistry.Move(m.account().hex(),
                m.from().hex(), m.to().hex(), BigInteger.valueOf(s.nonce()),
                BigInteger.valueOf(s.deadline().getEpochSecond())), new DynamicBytes(s.signature()));
        return Reverts.HOME_MOVES.send(sender, registry, data).map(TxSender::ref);
    }

    @Override
    public Optional<EvmAddress> movedFrom(EvmAddress account) {
        List<Object> v = chain.call(registry, Abi.encode(IdentityRegistry.FUNC_MOVEDFROM,
                new Address(account.hex())), new TypeReference<Address>() {
                });
        EvmAddress from = new EvmAddress((String) v.get(0));
        return from.equals(NONE) ? Optional.empty() : Optional.of(from);
    }
}
