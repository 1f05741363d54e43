package io.salus.chain.consent;

import io.salus.chain.ConsentAddresses;
import io.salus.chain.internal.Eip712;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Signed;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EIP-712 typed data of the consent contracts, computed exactly as they do: the domains
 * {@code EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)} ("Salus Consent" for
 * ConsentRegistry, "Salus Issuers" for IssuerRegistry, version "1"), the struct hashes of Grant, Revoke, Delegate,
 * Attest and RevokeAttestation, and the digests {@code keccak256(0x1901 ‖ domainSeparator ‖ structHash)}. Immutable and
 * thread-safe.
 */
public final class ConsentTypedData {
    public static final String CONSENT_NAME = "Salus Consent";
    public static final String ISSUERS_NAME = "Salus Issuers";
    public static final String VERSION = "1";

    static final String GRANT_TYPE = "Grant(address patient,address signer,uint64 categories,uint32 attestationTypes,"
            + "uint32 purposes,uint64 validFrom,uint64 validUntil,uint128 minPrice,address consumer,uint256 nonce,"
            + "uint256 deadline)";
    static final String REVOKE_TYPE = "Revoke(uint256 grantId,address signer,uint256 nonce,uint256 deadline)";
    static final String DELEGATE_TYPE = "Delegate(address patient,address delegate,uint8 scopes,uint64 validUntil,"
            + "uint256 nonce,uint256 deadline)";
    static final String ATTEST_TYPE = "Attest(address issuer,address subject,uint16 attType,uint32 purposes,"
            + "uint64 validFrom,uint64 validUntil,uint256 nonce,uint256 deadline)";
    static final String REVOKE_ATTESTATION_TYPE = "RevokeAttestation(uint256 attestationId,uint256 nonce,"
            + "uint256 deadline)";
    private static final EvmAddress NONE = new EvmAddress("0x" + "0".repeat(40));
    private static final long JS_SAFE = (1L << 53) - 1;

    private final long chainId;
    private final ConsentAddresses contracts;
    private final Hash32 consentDomain;
    private final Hash32 issuersDomain;

    public ConsentTypedData(long chainId, ConsentAddresses contracts) {
        this.chainId = chainId;
        this.contracts = contracts;
        this.consentDomain = domainSeparator(CONSENT_NAME, chainId, contracts.consentRegistry());
        this.issuersDomain = domainSeparator(ISSUERS_NAME, chainId, contracts.issuerRegistry());
    }

    public long chainId() {
        return chainId;
    }

    public ConsentAddresses contracts() {
        return contracts;
    }

    /** The digest the signer of {@code s} signs (its signature is ignored). */
    public Hash32 digest(Signed<?> s) {
        return digest(isIssuerPayload(s.payload().getClass()) ? issuersDomain : consentDomain, structHash(s));
    }

    /** The contract that verifies payloads of this type. */
    public EvmAddress verifyingContract(Class<?> payloadType) {
        return isIssuerPayload(payloadType) ? contracts.issuerRegistry() : contracts.consentRegistry();
    }

    /** The domain name of the contract that verifies payloads of this type. */
    public static String domainName(Class<?> payloadType) {
        return isIssuerPayload(payloadType) ? ISSUERS_NAME : CONSENT_NAME;
    }

    static boolean isIssuerPayload(Class<?> payloadType) {
        if (payloadType == Payloads.Attest.class || payloadType == Payloads.RevokeAttestation.class) {
            return true;
        }
        if (payloadType == GrantTerms.class || payloadType == Payloads.Revoke.class
                || payloadType == Payloads.Delegate.class) {
            return false;
        }
        throw new IllegalArgumentException("not a consent payload: " + payloadType.getName());
    }

    public static Hash32 domainSeparator(String name, long chainId, EvmAddress verifyingContract) {
        return Eip712.domainSeparator(name, VERSION, chainId, verifyingContract);
    }

    public static Hash32 digest(Hash32 domainSeparator, Hash32 structHash) {
        return Eip712.digest(domainSeparator, structHash);
    }

    /** The EIP-712 struct hash of a signed instruction (nonce and deadline included, signature ignored). */
    public static Hash32 structHash(Signed<?> s) {
        byte[] nonce = word(s.nonce());
        byte[] deadline = word(s.deadline());
        return switch (s.payload()) {
            case GrantTerms g -> hashWords(word(typeHash(GRANT_TYPE)), word(g.patient()), word(s.signer()),
                    word(g.categories()), word(g.attestationTypes()), word(g.purposes()), word(g.validFrom()),
                    word(g.validUntil()), word(g.minPrice()), word(g.namedConsumer().orElse(NONE)), nonce, deadline);
            case Payloads.Revoke r -> hashWords(word(typeHash(REVOKE_TYPE)), word(r.grantId()), word(s.signer()), nonce,
                    deadline);
            case Payloads.Delegate d -> hashWords(word(typeHash(DELEGATE_TYPE)), word(d.patient()), word(d.delegate()),
                    word(d.scopes()), word(d.validUntil()), nonce, deadline);
            case Payloads.Attest a -> hashWords(word(typeHash(ATTEST_TYPE)), word(s.signer()), word(a.subject()),
                    word(a.type().bit()), word(a.purposes()), word(a.validFrom()), word(a.validUntil()), nonce,
                    deadline);
            case Payloads.RevokeAttestation r -> hashWords(word(typeHash(REVOKE_ATTESTATION_TYPE)),
                    word(r.attestationId()), nonce, deadline);
            default -> throw new IllegalArgumentException(
                    "not a consent payload: " + s.payload().getClass().getName());
        };
    }

    /**
     * The typed data of {@code s} as {@code eth_signTypedData_v4} takes it (types, primaryType, domain, message), ready
     * for JSON: integers up to 2^53 as numbers, wider ones as decimal strings; addresses 0x-hex.
     */
    public Map<String, Object> typedData(Signed<?> s) {
        String type = switch (s.payload()) {
            case GrantTerms g -> GRANT_TYPE;
            case Payloads.Revoke r -> REVOKE_TYPE;
            case Payloads.Delegate d -> DELEGATE_TYPE;
            case Payloads.Attest a -> ATTEST_TYPE;
            case Payloads.RevokeAttestation r -> REVOKE_ATTESTATION_TYPE;
            default -> throw new IllegalArgumentException("not a consent payload: " + s.payload().getClass().getName());
        };
        Object[] values = switch (s.payload()) {
            case GrantTerms g -> new Object[]{g.patient(), s.signer(), g.categories(), g.attestationTypes(),
                    g.purposes(), g.validFrom(), g.validUntil(), g.minPrice(), g.namedConsumer().orElse(NONE)};
            case Payloads.Revoke r -> new Object[]{r.grantId(), s.signer()};
            case Payloads.Delegate d -> new Object[]{d.patient(), d.delegate(), d.scopes(), d.validUntil()};
            case Payloads.Attest a -> new Object[]{s.signer(), a.subject(), a.type().bit(), a.purposes(),
                    a.validFrom(), a.validUntil()};
            case Payloads.RevokeAttestation r -> new Object[]{r.attestationId()};
            default -> throw new IllegalArgumentException("not a consent payload");
        };
        String primary = type.substring(0, type.indexOf('('));
        List<Map<String, Object>> fields = new ArrayList<>();
        Map<String, Object> message = new LinkedHashMap<>();
        String[] parts = type.substring(type.indexOf('(') + 1, type.length() - 1).split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] typeAndName = parts[i].split(" ");
            fields.add(field(typeAndName[1], typeAndName[0]));
            Object v = i < values.length ? values[i] : i == values.length ? s.nonce() : s.deadline();
            message.put(typeAndName[1], json(v));
        }
        EvmAddress contract = verifyingContract(s.payload().getClass());
        Map<String, Object> types = new LinkedHashMap<>();
        types.put("EIP712Domain", List.of(field("name", "string"), field("version", "string"),
                field("chainId", "uint256"), field("verifyingContract", "address")));
        types.put(primary, List.copyOf(fields));
        Map<String, Object> domain = new LinkedHashMap<>();
        domain.put("name", domainName(s.payload().getClass()));
        domain.put("version", VERSION);
        domain.put("chainId", json(chainId));
        domain.put("verifyingContract", contract.hex());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("types", types);
        out.put("primaryType", primary);
        out.put("domain", domain);
        out.put("message", message);
        return out;
    }

    private static Map<String, Object> field(String name, String type) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("type", type);
        return f;
    }

    private static Object json(Object v) {
        if (v instanceof EvmAddress a) {
            return a.hex();
        }
        long n = v instanceof Instant t ? t.getEpochSecond() : ((Number) v).longValue();
        return n >= 0 && n <= JS_SAFE ? (Object) n : Long.toUnsignedString(n);
    }

    static Hash32 typeHash(String type) {
        return Hash32.of(Eip712.text(type));
    }

    private static Hash32 hashWords(byte[]... words) {
        return Eip712.words(words);
    }

    private static byte[] word(Hash32 h) {
        return h.bytes();
    }

    private static byte[] word(EvmAddress a) {
        return Eip712.address(a);
    }

    private static byte[] word(Instant t) {
        return word(t.getEpochSecond());
    }

    private static byte[] word(long v) {
        return Eip712.uint(v);
    }
}
