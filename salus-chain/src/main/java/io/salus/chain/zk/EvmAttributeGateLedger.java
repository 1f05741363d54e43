package io.salus.chain.zk;

import io.salus.chain.EvmLedger;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainAccess;
import io.salus.chain.internal.TxSender;
import io.salus.chain.zk.internal.GasCalls.Outcome;
import io.salus.chain.zk.internal.SimulatedWrites;
import io.salus.chain.zk.internal.ZkCalls;
import io.salus.chain.zk.internal.ZkReverts;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AttributeGateLedger;
import io.salus.core.zk.Admission;
import io.salus.core.zk.AttributeProof;
import io.salus.core.zk.ScopePolicy;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The {@link AttributeGateLedger} on the EVM: AttributeGate and ProviderKeyRegistry through the ledger's relayer (one
 * nonce counter, one journal). Every call that reaches the verifier carries an explicit gas limit, in the simulation
 * that checks it first and in the transaction (an estimate can fall short, and the verifier then fails closed with
 * {@code InvalidProof}); a revert is reported as the failure code of its custom error. Thread-safe.
 */
public final class EvmAttributeGateLedger implements AttributeGateLedger {
    /** The gas limit of an admission: the gate's checks and storage (~60,000) plus the verifier's allowance. */
    public static final BigInteger ADMIT_GAS = BigInteger.valueOf(600_000);
    private static final BigInteger VIEW_GAS = BigInteger.valueOf(1_000_000);

    private final ChainAccess access;
    private final ZkAddresses addresses;
    private final SimulatedWrites writes;

    public EvmAttributeGateLedger(EvmLedger ledger, ZkAddresses addresses) {
        this.access = ledger.access();
        this.addresses = addresses;
        this.writes = new SimulatedWrites(access.rpc(), ZkReverts.TABLE);
    }

    public ZkAddresses addresses() {
        return addresses;
    }

    @Override
    public Result<BigInteger> openScope(Hash32 label, ScopePolicy policy) {
        return transact(access.sender(), addresses.gate(), ZkCalls.openScope(label, policy), null)
                .map(r -> scopeId(label));
    }

    @Override
    public BigInteger scopeId(Hash32 label) {
        return uint(view(addresses.gate(), ZkCalls.scopeId(relayer(), label)));
    }

    @Override
    public Result<ScopePolicy> policy(BigInteger scope) {
        List<Object> p = Abi.decode(view(addresses.gate(), ZkCalls.policyOf(scope)), new TypeReference<Uint256>() {
        }, new TypeReference<Uint256>() {
        }, new TypeReference<Uint256>() {
        }, new TypeReference<Uint64>() {
        }, new TypeReference<Uint16>() {
        }, new TypeReference<Address>() {
        });
        if (new BigInteger(((String) p.get(5)).substring(2), 16).signum() == 0) {
            return Result.fail(ErrorCode.ZK_SCOPE_UNKNOWN, "no scope " + scope);
        }
        return Result.ok(new ScopePolicy((BigInteger) p.get(0), (BigInteger) p.get(1), (BigInteger) p.get(2),
                Duration.ofSeconds(((BigInteger) p.get(3)).longValueExact()), ((BigInteger) p.get(4)).intValueExact()));
    }

    @Override
    public Result<EvmAddress> registerProviderKey(EvmAddress provider, BigInteger ax, BigInteger ay) {
        return transact(access.sender(), addresses.registry(), ZkCalls.setKeyFor(provider, ax, ay), null)
                .map(r -> provider);
    }

    @Override
    public Result<EvmAddress> revokeProviderKey(EvmAddress provider) {
        return transact(access.sender(), addresses.registry(), ZkCalls.revoke(provider), null).map(r -> provider);
    }

    /** A provider (an enrolled account holding its own key) sets or rotates its key itself. */
    public Result<EvmAddress> setOwnProviderKey(Credentials provider, BigInteger ax, BigInteger ay) {
        return transact(access.sender().forAccount(provider), addresses.registry(), ZkCalls.setKey(ax, ay), null)
                .map(r -> new EvmAddress(provider.getAddress()));
    }

    @Override
    public Optional<EvmAddress> providerOfKey(BigInteger ax, BigInteger ay) {
        String a = (String) Abi.decode(view(addresses.registry(), ZkCalls.providerOfKey(ax, ay)),
                new TypeReference<Address>() {
                }).get(0);
        return new BigInteger(a.substring(2), 16).signum() == 0 ? Optional.empty() : Optional.of(new EvmAddress(a));
    }

    @Override
    public boolean providerKeyActive(BigInteger ax, BigInteger ay) {
        return bool(view(addresses.registry(), ZkCalls.isActive(ax, ay)));
    }

    @Override
    public Result<AttributeProof> check(AttributeProof proof) {
        Outcome o = writes.call(access.sender().from(), addresses.gate(), ZkCalls.admitFor(proof), ADMIT_GAS);
        return o.reverted() ? writes.failure(o) : Result.ok(proof);
    }

    @Override
    public Result<Admission> admit(AttributeProof proof) {
        return transact(access.sender(), addresses.gate(), ZkCalls.admitFor(proof), ADMIT_GAS)
                .map(r -> admission(proof, r));
    }

    /** The recipient submits its own proof ({@code admit}: the proof must be for the sender). */
    public Result<Admission> admitAsSender(Credentials recipient, AttributeProof proof) {
        return transact(access.sender().forAccount(recipient), addresses.gate(), ZkCalls.admit(proof), ADMIT_GAS)
                .map(r -> admission(proof, r));
    }

    @Override
    public boolean nullifierUsed(BigInteger scope, BigInteger nullifier) {
        return bool(view(addresses.gate(), ZkCalls.nullifierUsed(scope, nullifier)));
    }

    @Override
    public boolean admitted(BigInteger scope, EvmAddress account) {
        return bool(view(addresses.gate(), ZkCalls.admitted(scope, account)));
    }

    /**
     * The gas of a transaction that calls the generated verifier alone with this proof (intrinsic and calldata cost
     * included), sent with an explicit gas limit. Not an estimate: the verifier returns false instead of reverting
     * when its precompile calls run short, so an estimate can settle on a limit at which it refuses every proof.
     */
    public long verifierTransactionGas(AttributeProof proof) {
        return access.sender().send(addresses.verifier().hex(), ZkCalls.verifyProof(proof), VIEW_GAS).getGasUsed()
                .longValueExact();
    }

    /** Whether the generated verifier accepts the proof as given (a simulated call, explicit gas limit). */
    public boolean verifierAccepts(AttributeProof proof) {
        return bool(view(addresses.verifier(), ZkCalls.verifyProof(proof)));
    }

    private Result<TransactionReceipt> transact(TxSender sender, EvmAddress to, String data, BigInteger gas) {
        return writes.transact(sender, to, data, gas);
    }

    private Admission admission(AttributeProof proof, TransactionReceipt r) {
        return new Admission(proof.signals().scope(), proof.signals().nullifier(),
                proof.signals().recipientAddress(), r.getTransactionHash(), r.getGasUsed().longValueExact());
    }

    private String view(EvmAddress to, String data) {
        return writes.view(access.sender().from(), to, data, VIEW_GAS);
    }

    private EvmAddress relayer() {
        return new EvmAddress(access.sender().from());
    }

    private static BigInteger uint(String data) {
        return (BigInteger) Abi.decode(data, new TypeReference<Uint256>() {
        }).get(0);
    }

    private static boolean bool(String data) {
        return (Boolean) Abi.decode(data, new TypeReference<Bool>() {
        }).get(0);
    }
}
