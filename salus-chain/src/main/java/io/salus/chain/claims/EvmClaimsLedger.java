package io.salus.chain.claims;

import io.salus.chain.EvmLedger;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainAccess;
import io.salus.chain.internal.TxSender;
import io.salus.chain.zk.internal.ErrorTable;
import io.salus.chain.zk.internal.SimulatedWrites;
import io.salus.contracts.generated.ClaimsPayout;
import io.salus.contracts.generated.PaymentToken;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.ClaimsLedger;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * The {@link ClaimsLedger} on ClaimsPayout. The relayer (the contract's adjudicator) records and pays; an insurer funds
 * from its own account (given gas by {@code gasFunder} first). Every write is simulated first with its explicit gas
 * limit, so a refusal costs no transaction and comes back as its custom error's code. Thread-safe.
 */
public final class EvmClaimsLedger implements ClaimsLedger {
    public static final BigInteger APPROVE_GAS = BigInteger.valueOf(80_000);
    public static final BigInteger FUND_GAS = BigInteger.valueOf(120_000);
    public static final BigInteger RECORD_GAS = BigInteger.valueOf(160_000);
    public static final BigInteger PAY_GAS = BigInteger.valueOf(120_000);
    static final ErrorTable ERRORS = ErrorTable.of(Map.ofEntries(
            Map.entry("ZeroAmount()", ErrorCode.INVALID_REQUEST),
            Map.entry("ZeroDigest()", ErrorCode.INVALID_REQUEST),
            Map.entry("ClaimExists(bytes32)", ErrorCode.CLAIM_ALREADY_RECORDED),
            Map.entry("UnknownClaim(bytes32)", ErrorCode.CLAIM_NOT_FOUND),
            Map.entry("NothingApproved(bytes32)", ErrorCode.CLAIM_NOT_PAYABLE),
            Map.entry("AlreadyPaid(bytes32)", ErrorCode.CLAIM_ALREADY_PAID),
            Map.entry("NotAProvider(address)", ErrorCode.CLAIM_PAYEE_NOT_REGISTERED),
            Map.entry("InsufficientFunds(address,uint256,uint256)", ErrorCode.CLAIM_INSUFFICIENT_FUNDS),
            Map.entry("ERC20InsufficientBalance(address,uint256,uint256)", ErrorCode.DEAL_INSUFFICIENT_FUNDS),
            Map.entry("ERC20InsufficientAllowance(address,uint256,uint256)", ErrorCode.DEAL_INSUFFICIENT_FUNDS),
            Map.entry("AccessControlUnauthorizedAccount(address,bytes32)", ErrorCode.FORBIDDEN)));
    private final ChainAccess access;
    private final EvmAddress token;
    private final Supplier<EvmAddress> contract;
    private final Consumer<EvmAddress> gasFunder;
    private final SimulatedWrites writes;

    /** @param contract ClaimsPayout's address, asked at the first use (so a node may deploy it lazily) */
    public EvmClaimsLedger(EvmLedger ledger, EvmAddress token, Supplier<EvmAddress> contract,
            Consumer<EvmAddress> gasFunder) {
        this.access = ledger.access();
        this.token = token;
        this.contract = contract;
        this.gasFunder = gasFunder;
        this.writes = new SimulatedWrites(access.rpc(), ERRORS);
    }

    @Override
    public Result<TxRef> fund(byte[] insurerKey, long amount) {
        if (insurerKey.length != 32) {
            throw new IllegalArgumentException("an account key is 32 bytes");
        }
        Credentials c = Credentials.create(ECKeyPair.create(insurerKey));
        gasFunder.accept(new EvmAddress(c.getAddress()));
        TxSender insurer = access.sender().forAccount(c);
        EvmAddress payout = contract.get();
        return writes.transact(insurer, token, Abi.encode(PaymentToken.FUNC_APPROVE, new Address(payout.hex()),
                new Uint256(amount)), APPROVE_GAS)
                .flatMap(r -> writes.transact(insurer, payout, Abi.encode(ClaimsPayout.FUNC_FUND,
                        new Uint256(amount)), FUND_GAS))
                .map(TxSender::ref);
    }

    @Override
    public long fundsOf(EvmAddress insurer) {
        return uint(view(Abi.encode(ClaimsPayout.FUNC_FUNDSOF, new Address(insurer.hex())))).longValueExact();
    }

    @Override
    public Result<TxRef> record(Hash32 claimKey, Hash32 digest, EvmAddress insurer, EvmAddress payee,
            long approved) {
        return writes.transact(access.sender(), contract.get(), Abi.encode(ClaimsPayout.FUNC_RECORD,
                new Bytes32(claimKey.bytes()), new Bytes32(digest.bytes()), new Address(insurer.hex()),
                new Address(payee.hex()), new Uint128(approved)), RECORD_GAS).map(TxSender::ref);
    }

    @Override
    public Result<TxRef> pay(Hash32 claimKey) {
        return writes.transact(access.sender(), contract.get(), Abi.encode(ClaimsPayout.FUNC_PAY,
                new Bytes32(claimKey.bytes())), PAY_GAS).map(TxSender::ref);
    }

    @Override
    public OnChain claimOf(Hash32 claimKey) {
        List<Object> v = Abi.decode(view(Abi.encode(ClaimsPayout.FUNC_CLAIMOF, new Bytes32(claimKey.bytes()))),
                new TypeReference<Address>() {
                }, new TypeReference<Address>() {
                }, new TypeReference<Uint128>() {
                }, new TypeReference<Bool>() {
                }, new TypeReference<Bytes32>() {
                });
        return new OnChain(new EvmAddress((String) v.get(0)), new EvmAddress((String) v.get(1)),
                ((BigInteger) v.get(2)).longValueExact(), (Boolean) v.get(3), Hash32.of((byte[]) v.get(4)));
    }

    /** The payment token balance of an account (payees, tests). */
    public long balanceOf(EvmAddress account) {
        return uint(writes.view(access.sender().from(), token, Abi.encode(PaymentToken.FUNC_BALANCEOF,
                new Address(account.hex())), SimulatedWrites.VIEW_GAS)).longValueExact();
    }

    public EvmAddress address() {
        return contract.get();
    }

    private String view(String data) {
        return writes.view(access.sender().from(), contract.get(), data, SimulatedWrites.VIEW_GAS);
    }

    private static BigInteger uint(String data) {
        return (BigInteger) Abi.decode(data, new TypeReference<Uint256>() {
        }).get(0);
    }
}
