package io.salus.chain.recovery;

import io.salus.chain.EvmLedger;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainAccess;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.GuardianRecovery;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.error.UnavailableException;
import io.salus.core.merkle.Hash32;
import io.salus.core.recovery.RecoveryLedger;
import io.salus.core.recovery.RecoveryPayloads;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The {@link RecoveryLedger} on GuardianRecovery, written through the {@link EvmLedger}'s relayer (same sender, nonce
 * counter and journal), each write mined before it returns, like the consent writes. A refusal by the contract becomes
 * the failure its custom error means (found by simulating the call again); chain faults are
 * {@link UnavailableException}s. Thread-safe.
 */
public final class EvmRecoveryLedger implements RecoveryLedger {
    private static final String OPENED_TOPIC = Hash.sha3String("RecoveryOpened(uint256,address,uint64,bytes32)");
    private final TxSender sender;
    private final ChainReads chain;
    private final EvmAddress contract;
    private final RecoveryTypedData typed;

    private EvmRecoveryLedger(ChainAccess access, EvmAddress contract) {
        this.sender = access.sender();
        this.chain = access.sender().reads();
        this.contract = contract;
        this.typed = new RecoveryTypedData(access.chainId(), contract);
    }

    /** The recovery ledger on the ledger's connection, for the GuardianRecovery contract at {@code contract}. */
    public static EvmRecoveryLedger on(EvmLedger ledger, EvmAddress contract) {
        return new EvmRecoveryLedger(ledger.access(), contract);
    }

    public EvmAddress contract() {
        return contract;
    }

    @Override
    public long nextNonce(EvmAddress signer) {
        return chain.uint(contract, Abi.encode(GuardianRecovery.FUNC_NONCES, new Address(signer.hex())))
                .longValueExact();
    }

    @Override
    public Hash32 digest(Signed<?> unsigned) {
        return typed.digest(unsigned);
    }

    @Override
    public Result<Epoch> setGuardians(Signed<RecoveryPayloads.SetGuardians> s) {
        RecoveryPayloads.SetGuardians g = s.payload();
        String data = Abi.encode(GuardianRecovery.FUNC_SETGUARDIANSBYSIG,
                new GuardianRecovery.GuardianSet(g.patient().hex(),
                        g.guardians().stream().map(EvmAddress::hex).toList(),
                        g.shareHashes().stream().map(Hash32::bytes).toList(), bigInt(g.threshold()),
                        bigInt(s.nonce()), bigInt(s.deadline().getEpochSecond())),
                new DynamicBytes(s.signature()));
        return send(data).map(r -> new Epoch(chain.uint(contract, Abi.encode(GuardianRecovery.FUNC_EPOCHOF,
                new Address(g.patient().hex()))).longValueExact(), TxSender.ref(r)));
    }

    @Override
    public Result<Opened> open(EvmAddress patient, Hash32 newKeyHash) {
        String data = Abi.encode(GuardianRecovery.FUNC_OPENRECOVERY, new Address(patient.hex()),
                new Bytes32(newKeyHash.bytes()));
        return send(data).map(r -> {
            long id = r.getLogs().stream()
                    .filter(l -> l.getAddress().equalsIgnoreCase(contract.hex()) && !l.getTopics().isEmpty()
                            && l.getTopics().get(0).equalsIgnoreCase(OPENED_TOPIC))
                    .map(l -> new BigInteger(l.getTopics().get(1).substring(2), 16).longValueExact()).findFirst()
                    .orElseThrow(() -> new SalusException("no RecoveryOpened event in " + r.getTransactionHash()));
            return new Opened(id, request(id).epoch(), TxSender.ref(r));
        });
    }

    @Override
    public Result<TxRef> approve(Signed<RecoveryPayloads.Approve> s) {
        RecoveryPayloads.Approve a = s.payload();
        if (!s.signer().equals(a.guardian())) {
            return Result.fail(ErrorCode.INVALID_SIGNATURE, "an approval is signed by its guardian");
        }
        String data = Abi.encode(GuardianRecovery.FUNC_APPROVEBYSIG, big(a.requestId()),
                new Address(a.guardian().hex()), new Bytes32(a.newKeyHash().bytes()), big(s.nonce()),
                big(s.deadline().getEpochSecond()), new DynamicBytes(s.signature()));
        return send(data).map(TxSender::ref);
    }

    @Override
    public ChainRequest request(long requestId) {
        List<Object> v = chain.call(contract, Abi.encode(GuardianRecovery.FUNC_REQUESTOF, big(requestId)),
                new TypeReference<Address>() {
                }, new TypeReference<Uint64>() {
                }, new TypeReference<Uint8>() {
                }, new TypeReference<Uint8>() {
                }, new TypeReference<Bool>() {
                }, new TypeReference<Bytes32>() {
                });
        boolean executable = (Boolean) chain.call(contract,
                Abi.encode(GuardianRecovery.FUNC_ISEXECUTABLE, big(requestId)), new TypeReference<Bool>() {
                }).get(0);
        return new ChainRequest(new EvmAddress((String) v.get(0)), ((BigInteger) v.get(1)).longValueExact(),
                ((BigInteger) v.get(2)).intValueExact(), ((BigInteger) v.get(3)).intValueExact(), (Boolean) v.get(4),
                executable, Hash32.of((byte[]) v.get(5)));
    }

    @Override
    public boolean hasApproved(long requestId, EvmAddress guardian) {
        return (Boolean) chain.call(contract, Abi.encode(GuardianRecovery.FUNC_HASAPPROVED, big(requestId),
                new Address(guardian.hex())), new TypeReference<Bool>() {
                }).get(0);
    }

    @Override
    public Result<TxRef> markExecuted(long requestId) {
        return send(Abi.encode(GuardianRecovery.FUNC_MARKEXECUTED, big(requestId))).map(TxSender::ref);
    }

    private Result<TransactionReceipt> send(String data) {
        return Reverts.RECOVERY.send(sender, contract, data);
    }

    private static Uint256 big(long v) {
        return new Uint256(BigInteger.valueOf(v));
    }

    private static BigInteger bigInt(long v) {
        return BigInteger.valueOf(v);
    }
}
