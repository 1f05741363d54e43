package io.salus.chain.custody;

import io.salus.chain.EvmLedger;
import io.salus.chain.consent.ConsentTypedData;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Eip712;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.ConsentRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Signed;
import io.salus.core.custody.IdentityRotation;
import io.salus.core.custody.Rotation;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;

/**
 * {@link IdentityRotation} on ConsentRegistry ({@code rotateBySig}, {@code rotatedTo}, the shared EIP-712 nonces),
 * written through the ledger's relayer and mined before it returns. Thread-safe.
 */
public final class EvmIdentityRotation implements IdentityRotation {
    static final String ROTATE_TYPE = "Rotate(address patient,address newKey,uint256 nonce,uint256 deadline)";
    private static final EvmAddress NONE = new EvmAddress("0x" + "0".repeat(40));
    private final TxSender sender;
    private final ChainReads chain;
    private final EvmAddress registry;
    private final Hash32 domain;

    private EvmIdentityRotation(EvmLedger ledger) {
        this.sender = ledger.access().sender();
        this.chain = sender.reads();
        this.registry = ledger.access().contracts().consent().orElseThrow(
                () -> new IllegalStateException("no ConsentRegistry is deployed")).consentRegistry();
        this.domain = ConsentTypedData.domainSeparator(ConsentTypedData.CONSENT_NAME, ledger.chainId(), registry);
    }

    public static EvmIdentityRotation on(EvmLedger ledger) {
        return new EvmIdentityRotation(ledger);
    }

    @Override
    public long nextNonce(EvmAddress key) {
        return chain.uint(registry, Abi.encode(ConsentRegistry.FUNC_NONCES, new Address(key.hex()))).longValueExact();
    }

    @Override
    public Hash32 digest(Signed<Rotation> s) {
        return digest(domain, s);
    }

    /** The digest as a device computes it, from the chain id and the ConsentRegistry's address only. */
    public static Hash32 digest(long chainId, EvmAddress registry, Signed<Rotation> s) {
        return digest(ConsentTypedData.domainSeparator(ConsentTypedData.CONSENT_NAME, chainId, registry), s);
    }

    private static Hash32 digest(Hash32 domain, Signed<Rotation> s) {
        return Eip712.digest(domain, Eip712.words(Eip712.text(ROTATE_TYPE), Eip712.address(s.payload().patient()),
                Eip712.address(s.payload().newKey()), Eip712.uint(s.nonce()),
                Eip712.uint(s.deadline().getEpochSecond())));
    }

    @Override
    public Optional<EvmAddress> rotatedTo(EvmAddress key) {
        List<Object> v = chain.call(registry, Abi.encode(ConsentRegistry.FUNC_ROTATEDTO, new Address(key.hex())),
                new TypeReference<Address>() {
                });
        EvmAddress to = new EvmAddress((String) v.get(0));
        return to.equals(NONE) ? Optional.empty() : Optional.of(to);
    }

    @Override
    public Result<TxRef> rotate(Signed<Rotation> s) {
        String data = Abi.encode(ConsentRegistry.FUNC_ROTATEBYSIG, new ConsentRegistry.Rotate(
                s.payload().patient().hex(), s.payload().newKey().hex(), BigInteger.valueOf(s.nonce()),
                BigInteger.valueOf(s.deadline().getEpochSecond())), new DynamicBytes(s.signature()));
        return Reverts.CONSENT.send(sender, registry, data).map(TxSender::ref);
    }
}
