package io.salus.chain.consent;

import io.salus.chain.ConsentAddresses;
import io.salus.chain.EvmLedger;
import io.salus.chain.consent.internal.ConsentCalls;
import io.salus.chain.consent.internal.EventDecoder;
import io.salus.chain.internal.ChainAccess;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.error.UnavailableException;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.ConsentLedger;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The {@link ConsentLedger} on an EVM chain: IssuerRegistry, ConsentRegistry and AccessLog, written through the
 * {@link EvmLedger}'s relayer (same sender, nonce counter and journal). Every signed instruction is checked by
 * {@link Preflight} before it is sent; if the contract still refuses it (a race with another relay), the contract's
 * custom error is mapped to the same codes. Chain faults are {@link UnavailableException}s. Thread-safe.
 */
public final class EvmConsentLedger implements ConsentLedger {
    /** Chain ids a signature made for another chain is recognised under ({@code WRONG_DOMAIN}). */
    public static final Set<Long> WELL_KNOWN_CHAIN_IDS = Set.of(1L, 10L, 56L, 100L, 137L, 1337L, 2018L, 8453L,
            17000L, 31337L, 42161L, 11155111L);

    private final TxSender sender;
    private final ChainReads chain;
    private final ConsentTypedData typed;
    private final ConsentAddresses contracts;
    private final Preflight preflight;
    private final EventDecoder decoder;
    private final BatchRelay batches;

    private EvmConsentLedger(ChainAccess access, ConsentAddresses contracts, Set<Long> otherChainIds) {
        this.sender = access.sender();
        this.chain = access.sender().reads();
        this.typed = new ConsentTypedData(access.chainId(), contracts);
        this.contracts = contracts;
        this.preflight = new Preflight(typed, new EvmSigner(), chain, access.contracts().all(), otherChainIds);
        this.decoder = new EventDecoder(contracts);
        this.batches = new BatchRelay(sender, chain, contracts, preflight);
    }

    /** The consent ledger on the ledger's connection, with the consent contracts of its configuration. */
    public static EvmConsentLedger on(EvmLedger ledger) {
        return on(ledger, WELL_KNOWN_CHAIN_IDS);
    }

    /** As {@link #on(EvmLedger)}, recognising signatures made for {@code otherChainIds} as {@code WRONG_DOMAIN}. */
    public static EvmConsentLedger on(EvmLedger ledger, Set<Long> otherChainIds) {
        ChainAccess access = ledger.access();
        ConsentAddresses consent = access.contracts().consent().orElseThrow(() -> new SalusException(
                "the consent contracts (IssuerRegistry, ConsentRegistry, AccessLog) are not configured"));
        return new EvmConsentLedger(access, consent, otherChainIds);
    }

    public ConsentTypedData typedData() {
        return typed;
    }

    @Override
    public Hash32 digest(Signed<?> unsigned) {
        return typed.digest(unsigned);
    }

    @Override
    public long nextNonce(EvmAddress signer, Class<?> payloadType) {
        return preflight.nextNonce(signer, payloadType);
    }

    @Override
    public Result<GrantReceipt> grant(Signed<GrantTerms> grant) {
        GrantTerms g = grant.payload();
        Result<?> terms = terms(grant);
        if (!terms.isOk()) {
            return terms.propagate();
        }
        return preflight.signed(grant).flatMap(s -> preflight.manager(grant.signer(), g.patient()))
                .flatMap(m -> preflight.withinDelegation(grant))
                .flatMap(m -> recheckOnRevert(
                        () -> Reverts.CONSENT.send(sender, contracts.consentRegistry(), ConsentCalls.grant(grant)),
                        () -> preflight.signed(grant)))
                .map(r -> new GrantReceipt(idFrom(r, contracts.consentRegistry(), EventDecoder.GRANT_RECORDED),
                        TxSender.ref(r)));
    }

    @Override
    public Result<TxRef> revoke(Signed<Payloads.Revoke> revoke) {
        long id = revoke.payload().grantId();
        Result<?> terms = terms(revoke);
        if (!terms.isOk()) {
            return terms.propagate();
        }
        return preflight.signed(revoke).flatMap(s -> {
            List<Object> g = preflight.grantOf(id);
            EvmAddress patient = new EvmAddress((String) g.get(0));
            if (patient.hex().equals("0x" + "0".repeat(40))) {
                return Result.fail(ErrorCode.GRANT_NOT_FOUND, "no grant " + id);
            }
            if ((Boolean) g.get(1)) {
                return Result.fail(ErrorCode.CONSENT_REVOKED, "grant " + id + " is already revoked");
            }
            return preflight.manager(revoke.signer(), patient);
        }).flatMap(m -> Reverts.CONSENT.send(sender, contracts.consentRegistry(), ConsentCalls.revoke(revoke)))
                .map(TxSender::ref);
    }

    @Override
    public Result<TxRef> delegate(Signed<Payloads.Delegate> delegation) {
        Result<?> terms = terms(delegation);
        if (!terms.isOk()) {
            return terms.propagate();
        }
        return preflight.signed(delegation)
                .flatMap(s -> Reverts.CONSENT.send(sender, contracts.consentRegistry(),
                        ConsentCalls.delegate(delegation)))
                .map(TxSender::ref);
    }

    @Override
    public Map<String, Object> typedData(Signed<?> unsigned) {
        return typed.typedData(unsigned);
    }

    @Override
    public Result<Signed<?>> checkSignature(Signed<?> signed) {
        return preflight.signature(signed);
    }

    @Override
    public List<Result<Relayed>> relayBatch(List<Signed<?>> instructions) {
        return batches.relay(instructions, EvmConsentLedger::terms);
    }

    /** What a ConsentRegistry instruction's own terms must satisfy, before any signature or chain check. */
    private static Result<?> terms(Signed<?> s) {
        return switch (s.payload()) {
            case GrantTerms g when !g.wellFormed() || g.validFrom().getEpochSecond() < 0 -> Result.fail(
                    ErrorCode.INVALID_GRANT, "a grant needs categories, attestation types and purposes this node "
                            + "knows, a window [validFrom, validUntil) after 1970 and a price of at least 0");
            case GrantTerms g -> Result.ok(s);
            case Payloads.Revoke r when r.grantId() <= 0 -> Result.fail(ErrorCode.GRANT_NOT_FOUND,
                    "no grant " + r.grantId());
            case Payloads.Revoke r -> Result.ok(s);
            case Payloads.Delegate d when !s.signer().equals(d.patient()) -> Result.fail(ErrorCode.INVALID_SIGNATURE,
                    "a delegation is signed by its patient");
            case Payloads.Delegate d when d.delegate().equals(d.patient()) || d.scopes() < 0 || d.scopes() > 0xff
                    || d.validUntil().getEpochSecond() < 0 ->
                Result.fail(ErrorCode.INVALID_REQUEST,
                        "a delegation names another account, scopes 0..255 and a time after 1970");
            case Payloads.Delegate d -> Result.ok(s);
            default -> Result.fail(ErrorCode.INVALID_REQUEST, "not an instruction of ConsentRegistry");
        };
    }

    @Override
    public Result<TxRef> trustIssuer(EvmAddress issuer, int attestationTypes) {
        return Reverts.ATTESTATIONS.send(sender, contracts.issuerRegistry(),
                ConsentCalls.trustIssuer(issuer, attestationTypes)).map(TxSender::ref);
    }

    @Override
    public Result<AttestationReceipt> attest(Signed<Payloads.Attest> attestation) {
        return AttestationChecks.attest(attestation, preflight, chain, contracts)
                .flatMap(s -> Reverts.ATTESTATIONS.send(sender, contracts.issuerRegistry(),
                        ConsentCalls.attest(attestation)))
                .map(r -> new AttestationReceipt(
                        idFrom(r, contracts.issuerRegistry(), EventDecoder.ATTESTATION_RECORDED), TxSender.ref(r)));
    }

    @Override
    public Result<TxRef> revokeAttestation(Signed<Payloads.RevokeAttestation> revocation) {
        return AttestationChecks.revoke(revocation, preflight, chain, contracts)
                .flatMap(s -> Reverts.ATTESTATIONS.send(sender, contracts.issuerRegistry(),
                        ConsentCalls.revokeAttestation(revocation)))
                .map(TxSender::ref);
    }

    @Override
    public TxRef logAccess(Hash32 auditHash, Hash32 patientPseudonym, EvmAddress requester, long categories,
            Purpose purpose) {
        if (categories < 0) {
            throw new IllegalArgumentException("categories are unsigned");
        }
        return TxSender.ref(sender.send(contracts.accessLog().hex(),
                ConsentCalls.logAccess(auditHash, patientPseudonym, requester, categories, purpose.bit())));
    }

    @Override
    public List<ConsentEvent> events(long fromBlock, long toBlock) {
        List<ConsentEvent> out = new ArrayList<>();
        for (Log l : chain.logs(contracts.all(), EventDecoder.TOPICS, fromBlock, toBlock)) {
            decoder.decode(l).ifPresent(out::add);
        }
        out.sort(Comparator.comparingLong(ConsentEvent::block).thenComparingInt(ConsentEvent::logIndex));
        return List.copyOf(out);
    }

    @Override
    public long headBlock() {
        return chain.headBlock();
    }

    /**
     * Runs a send; if the transaction reverted for a reason the contract's error data did not name (a race with another
     * relay of the same signed instruction), the pre-flight check is run again against the new state and its failure
     * (typically {@code NONCE_USED}) is returned instead of the fault.
     */
    private static <T> Result<T> recheckOnRevert(java.util.function.Supplier<Result<T>> send,
            java.util.function.Supplier<Result<?>> recheck) {
        try {
            return send.get();
        } catch (UnavailableException e) {
            throw e;
        } catch (SalusException e) {
            Result<?> again = recheck.get();
            if (!again.isOk()) {
                return again.propagate();
            }
            throw e;
        }
    }

    private static long idFrom(TransactionReceipt r, EvmAddress contract, String topic) {
        return r.getLogs().stream()
                .filter(l -> l.getAddress().equalsIgnoreCase(contract.hex()) && !l.getTopics().isEmpty()
                        && l.getTopics().get(0).equalsIgnoreCase(topic))
                .map(l -> new BigInteger(l.getTopics().get(1).substring(2), 16).longValueExact()).findFirst()
                .orElseThrow(() -> new SalusException("no id event in transaction " + r.getTransactionHash()));
    }
}
