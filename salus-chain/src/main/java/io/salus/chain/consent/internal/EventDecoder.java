package io.salus.chain.consent.internal;

import io.salus.chain.ConsentAddresses;
import io.salus.contracts.generated.AccessLog;
import io.salus.contracts.generated.ConsentRegistry;
import io.salus.contracts.generated.IssuerRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.Grant;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.merkle.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Decodes the logs of the consent contracts into {@link ConsentEvent}s. Events that name an attestation type or a
 * purpose this node does not know are skipped with a warning. Immutable and thread-safe.
 */
public final class EventDecoder {
    public static final String GRANT_RECORDED = EventEncoder.encode(ConsentRegistry.GRANTRECORDED_EVENT);
    public static final String GRANT_REVOKED = EventEncoder.encode(ConsentRegistry.GRANTREVOKED_EVENT);
    public static final String DELEGATION_SET = EventEncoder.encode(ConsentRegistry.DELEGATIONSET_EVENT);
    public static final String ISSUER_TRUSTED = EventEncoder.encode(IssuerRegistry.ISSUERTRUSTED_EVENT);
    public static final String ATTESTATION_RECORDED = EventEncoder.encode(IssuerRegistry.ATTESTATIONRECORDED_EVENT);
    public static final String ATTESTATION_REVOKED = EventEncoder.encode(IssuerRegistry.ATTESTATIONREVOKED_EVENT);
    public static final String ACCESS_LOGGED = EventEncoder.encode(AccessLog.ACCESSLOGGED_EVENT);
    public static final List<String> TOPICS = List.of(GRANT_RECORDED, GRANT_REVOKED, DELEGATION_SET, ISSUER_TRUSTED,
            ATTESTATION_RECORDED, ATTESTATION_REVOKED, ACCESS_LOGGED);
    private static final Logger LOG = LoggerFactory.getLogger(EventDecoder.class);
    private static final long MAX_SECONDS = Instant.MAX.getEpochSecond();

    private final ConsentAddresses contracts;

    public EventDecoder(ConsentAddresses contracts) {
        this.contracts = contracts;
    }

    /** The event of a log, empty for logs of other contracts or kinds. */
    public Optional<ConsentEvent> decode(Log log) {
        List<String> t = log.getTopics();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        EvmAddress from = new EvmAddress(log.getAddress());
        long block = log.getBlockNumber().longValueExact();
        int index = log.getLogIndex().intValueExact();
        String topic = t.get(0).toLowerCase(java.util.Locale.ROOT);
        if (from.equals(contracts.consentRegistry())) {
            return consent(topic, t, log.getData(), block, index);
        }
        if (from.equals(contracts.issuerRegistry())) {
            return issuers(topic, t, log.getData(), block, index);
        }
        if (from.equals(contracts.accessLog()) && topic.equals(ACCESS_LOGGED)) {
            List<Object> d = data(log.getData(), AccessLog.ACCESSLOGGED_EVENT);
            int bit = uint(d.get(1)).intValueExact();
            Optional<Purpose> purpose = Arrays.stream(Purpose.values()).filter(p -> p.bit() == bit).findFirst();
            if (purpose.isEmpty()) {
                LOG.warn("skipping an AccessLogged event with unknown purpose bit {} in block {}", bit, block);
                return Optional.empty();
            }
            return Optional.of(new ConsentEvent.AccessLogged(Hash32.fromHex(t.get(1)), Hash32.fromHex(t.get(2)),
                    address(t.get(3)), uint(d.get(0)).longValueExact(), purpose.get(), log.getTransactionHash(),
                    block, index));
        }
        return Optional.empty();
    }

    private Optional<ConsentEvent> consent(String topic, List<String> t, String data, long block, int index) {
        if (topic.equals(GRANT_RECORDED)) {
            List<Object> d = data(data, ConsentRegistry.GRANTRECORDED_EVENT);
            EvmAddress consumer = new EvmAddress((String) d.get(6));
            GrantTerms terms = new GrantTerms(address(t.get(2)), saturated(d.get(0)), uint(d.get(1)).intValue(),
                    uint(d.get(2)).intValue(), time(d.get(3)), time(d.get(4)), saturated(d.get(5)),
                    isZero(consumer) ? Optional.empty() : Optional.of(consumer));
            Grant g = new Grant(id(t.get(1)), terms, address(t.get(3)), block, Optional.empty());
            return Optional.of(new ConsentEvent.GrantRecorded(g, index));
        }
        if (topic.equals(GRANT_REVOKED)) {
            return Optional.of(new ConsentEvent.GrantRevoked(id(t.get(1)), block, index));
        }
        if (topic.equals(DELEGATION_SET)) {
            List<Object> d = data(data, ConsentRegistry.DELEGATIONSET_EVENT);
            return Optional.of(new ConsentEvent.DelegationSet(new Delegation(address(t.get(1)), address(t.get(2)),
                    uint(d.get(0)).intValueExact(), time(d.get(1)), block), index));
        }
        return Optional.empty();
    }

    private Optional<ConsentEvent> issuers(String topic, List<String> t, String data, long block, int index) {
        if (topic.equals(ISSUER_TRUSTED)) {
            List<Object> d = data(data, IssuerRegistry.ISSUERTRUSTED_EVENT);
            return Optional.of(new ConsentEvent.IssuerTrusted(address(t.get(1)), uint(d.get(0)).intValue(), block,
                    index));
        }
        if (topic.equals(ATTESTATION_RECORDED)) {
            List<Object> d = data(data, IssuerRegistry.ATTESTATIONRECORDED_EVENT);
            int bit = uint(d.get(0)).intValueExact();
            Optional<AttestationType> type = Arrays.stream(AttestationType.values()).filter(a -> a.bit() == bit)
                    .findFirst();
            if (type.isEmpty()) {
                LOG.warn("skipping an attestation of unknown type {} in block {}", bit, block);
                return Optional.empty();
            }
            return Optional.of(new ConsentEvent.AttestationRecorded(new Attestation(id(t.get(1)), address(t.get(2)),
                    address(t.get(3)), type.get(), uint(d.get(1)).intValue(), time(d.get(2)), time(d.get(3)), block,
                    Optional.empty()), index));
        }
        if (topic.equals(ATTESTATION_REVOKED)) {
            return Optional.of(new ConsentEvent.AttestationRevoked(id(t.get(1)), block, index));
        }
        return Optional.empty();
    }

    private static List<Object> data(String data, Event event) {
        return io.salus.chain.internal.Abi.decode(data,
                event.getNonIndexedParameters().toArray(org.web3j.abi.TypeReference<?>[]::new));
    }

    private static BigInteger uint(Object o) {
        return (BigInteger) o;
    }

    private static long id(Object o) {
        BigInteger v = o instanceof String s ? new BigInteger(s.substring(2), 16) : uint(o);
        return v.bitLength() < 64 ? v.longValue() : Long.MAX_VALUE;
    }

    private static long saturated(Object o) {
        BigInteger v = uint(o);
        return v.bitLength() < 64 ? v.longValue() : Long.MAX_VALUE;
    }

    private static Instant time(Object o) {
        return Instant.ofEpochSecond(Math.min(saturated(o), MAX_SECONDS));
    }

    private static EvmAddress address(String topic) {
        return new EvmAddress("0x" + topic.substring(topic.length() - 40));
    }

    private static boolean isZero(EvmAddress a) {
        return a.hex().equals("0x" + "0".repeat(40));
    }
}
