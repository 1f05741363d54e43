package io.salus.chain.consent;

import io.salus.chain.ConsentAddresses;
import io.salus.chain.consent.internal.ConsentCalls;
import io.salus.chain.consent.internal.EventDecoder;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.ConsentRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.ConsentLedger.Relayed;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * One {@code ConsentRegistry.relayBatch} transaction for many signed instructions. Before sending: the terms each
 * single relay checks, every deadline against one read of the latest block, and each signer's nonces in sequence from
 * one batched read of the chain's nonces; what fails is left out with its code. The contract applies the rest one by
 * one; an instruction it refuses is named by an {@code InstructionFailed} event with the revert data, mapped to the
 * same codes as a single relay (a wrong signer is told apart from a wrong domain locally). The gas limit is stated,
 * not estimated: an estimate made before an earlier batch is mined would price instructions that depend on it as
 * failures. Thread-safe.
 */
final class BatchRelay {
    /** Generous per instruction (a grant by a first-time signer costs about 75,000 gas); unused gas is not paid. */
    static final long GAS_PER_INSTRUCTION = 150_000;
    private static final long GAS_BASE = 100_000;
    private static final String FAILED = EventEncoder.encode(ConsentRegistry.INSTRUCTIONFAILED_EVENT);

    private final TxSender sender;
    private final ChainReads chain;
    private final ConsentAddresses contracts;
    private final Preflight preflight;

    BatchRelay(TxSender sender, ChainReads chain, ConsentAddresses contracts, Preflight preflight) {
        this.sender = sender;
        this.chain = chain;
        this.contracts = contracts;
        this.preflight = preflight;
    }

    List<Result<Relayed>> relay(List<Signed<?>> instructions, Function<Signed<?>, Result<?>> terms) {
        List<Result<Relayed>> out = new ArrayList<>(Collections.nCopies(instructions.size(), null));
        Instant now = instructions.isEmpty() ? Instant.EPOCH : chain.latestTimestamp();
        Map<EvmAddress, Long> expected = nonces(instructions);
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            Signed<?> s = instructions.get(i);
            Result<?> checked = terms.apply(s);
            if (checked.isOk()) {
                checked = checkTime(s, now);
            }
            if (checked.isOk()) {
                checked = checkNonce(s, expected);
            }
            if (checked.isOk()) {
                sent.add(i);
            } else {
                out.set(i, checked.propagate());
            }
        }
        if (sent.isEmpty()) {
            return out;
        }
        List<DynamicBytes> calls = sent.stream().map(i -> new DynamicBytes(encode(instructions.get(i)))).toList();
        String data = Abi.encode(ConsentRegistry.FUNC_RELAYBATCH, new DynamicArray<>(DynamicBytes.class, calls));
        TransactionReceipt receipt = sender.send(contracts.consentRegistry().hex(), data,
                BigInteger.valueOf(GAS_BASE + GAS_PER_INSTRUCTION * sent.size()));
        decode(receipt, instructions, sent, out);
        return out;
    }

    private Map<EvmAddress, Long> nonces(List<Signed<?>> instructions) {
        List<EvmAddress> signers = instructions.stream().map(Signed::signer).distinct().toList();
        List<BigInteger> chainNonces = chain.uints(contracts.consentRegistry(),
                signers.stream().map(ConsentCalls::nonces).toList());
        Map<EvmAddress, Long> next = new HashMap<>();
        for (int i = 0; i < signers.size(); i++) {
            next.put(signers.get(i), chainNonces.get(i).longValueExact());
        }
        return next;
    }

    private static Result<?> checkTime(Signed<?> s, Instant now) {
        if (s.nonce() < 0 || s.deadline().getEpochSecond() < 0) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "nonce and deadline are unsigned");
        }
        return Preflight.inTime(s, now);
    }

    /** The signer's instructions must carry its next nonces in order; the expected nonce moves on with each one. */
    private static Result<?> checkNonce(Signed<?> s, Map<EvmAddress, Long> expected) {
        Result<Signed<?>> r = Preflight.inSequence(s, expected.get(s.signer()));
        if (r.isOk()) {
            expected.merge(s.signer(), 1L, Long::sum);
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private static byte[] encode(Signed<?> s) {
        String call = switch (s.payload()) {
            case GrantTerms g -> ConsentCalls.grant((Signed<GrantTerms>) s);
            case Payloads.Revoke r -> ConsentCalls.revoke((Signed<Payloads.Revoke>) s);
            case Payloads.Delegate d -> ConsentCalls.delegate((Signed<Payloads.Delegate>) s);
            default -> throw new IllegalArgumentException(
                    "not an instruction of ConsentRegistry: " + s.payload().getClass().getName());
        };
        return Numeric.hexStringToByteArray(call);
    }

    private void decode(TransactionReceipt receipt, List<Signed<?>> instructions, List<Integer> sent,
            List<Result<Relayed>> out) {
        TxRef tx = TxSender.ref(receipt);
        Map<Integer, String> failed = new LinkedHashMap<>();
        List<Long> grantIds = new ArrayList<>();
        for (Log l : receipt.getLogs()) {
            if (!l.getAddress().equalsIgnoreCase(contracts.consentRegistry().hex()) || l.getTopics().isEmpty()) {
                continue;
            }
            String topic = l.getTopics().get(0).toLowerCase(Locale.ROOT);
            if (topic.equals(FAILED)) {
                int index = Numeric.toBigInt(l.getTopics().get(1)).intValueExact();
                failed.put(index, reason(l.getData()));
            } else if (topic.equals(EventDecoder.GRANT_RECORDED)) {
                grantIds.add(Numeric.toBigInt(l.getTopics().get(1)).longValueExact());
            }
        }
        int nextGrant = 0;
        for (int k = 0; k < sent.size(); k++) {
            int i = sent.get(k);
            Signed<?> s = instructions.get(i);
            if (failed.containsKey(k)) {
                out.set(i, Result.fail(refusal(s, failed.get(k))));
            } else if (s.payload() instanceof GrantTerms) {
                out.set(i, Result.ok(new Relayed(tx, grantIds.get(nextGrant++))));
            } else {
                out.set(i, Result.ok(new Relayed(tx, 0)));
            }
        }
    }

    /** The revert data of an InstructionFailed event: its one {@code bytes} argument. */
    private static String reason(String eventData) {
        byte[] d = Numeric.hexStringToByteArray(eventData);
        if (d.length < 64) {
            return "0x";
        }
        int length = new BigInteger(1, Arrays.copyOfRange(d, 32, 64)).intValueExact();
        return Numeric.toHexString(Arrays.copyOfRange(d, 64, 64 + length));
    }

    /** What the contract's refusal means, with a wrong signer told apart from a signature for another domain. */
    private Failure refusal(Signed<?> s, String revertData) {
        String name = Reverts.name(revertData).orElse("an unnamed revert");
        if (name.equals("WrongSigner") || name.startsWith("ECDSA")) {
            Result<Signed<?>> local = preflight.signature(s);
            if (!local.isOk()) {
                return local.failure();
            }
        }
        return Reverts.CONSENT.code(revertData)
                .map(code -> Failure.of(code, "the contract refused the instruction: " + name))
                .orElseGet(() -> Failure.of(ErrorCode.INVALID_REQUEST, "the contract refused the instruction: "
                        + name));
    }
}
