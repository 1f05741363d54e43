package io.salus.chain.consent.internal;

import io.salus.chain.internal.Abi;
import io.salus.contracts.generated.AccessLog;
import io.salus.contracts.generated.ConsentRegistry;
import io.salus.contracts.generated.IssuerRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Signed;
import io.salus.core.merkle.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/** ABI-encoded calls of the consent contracts, exactly as relayed (no checks). Stateless and thread-safe. */
public final class ConsentCalls {
    private static final String ZERO = "0x" + "0".repeat(40);

    private ConsentCalls() {
    }

    public static String grant(Signed<GrantTerms> s) {
        GrantTerms g = s.payload();
        return Abi.encode(ConsentRegistry.FUNC_GRANTBYSIG,
                new ConsentRegistry.Grant(g.patient().hex(), s.signer().hex(), big(g.categories()),
                        big(g.attestationTypes()), big(g.purposes()), secs(g.validFrom()), secs(g.validUntil()),
                        big(g.minPrice()), g.namedConsumer().map(EvmAddress::hex).orElse(ZERO), big(s.nonce()),
                        secs(s.deadline())),
                new DynamicBytes(s.signature()));
    }

    public static String revoke(Signed<Payloads.Revoke> s) {
        return Abi.encode(ConsentRegistry.FUNC_REVOKEBYSIG, new ConsentRegistry.Revoke(big(s.payload().grantId()),
                s.signer().hex(), big(s.nonce()), secs(s.deadline())), new DynamicBytes(s.signature()));
    }

    public static String delegate(Signed<Payloads.Delegate> s) {
        Payloads.Delegate d = s.payload();
        return Abi.encode(ConsentRegistry.FUNC_DELEGATEBYSIG,
                new ConsentRegistry.Delegate(d.patient().hex(), d.delegate().hex(), big(d.scopes()),
                        secs(d.validUntil()), big(s.nonce()), secs(s.deadline())),
                new DynamicBytes(s.signature()));
    }

    public static String attest(Signed<Payloads.Attest> s) {
        Payloads.Attest a = s.payload();
        return Abi.encode(IssuerRegistry.FUNC_ATTESTBYSIG,
                new IssuerRegistry.Attest(s.signer().hex(), a.subject().hex(), big(a.type().bit()), big(a.purposes()),
                        secs(a.validFrom()), secs(a.validUntil()), big(s.nonce()), secs(s.deadline())),
                new DynamicBytes(s.signature()));
    }

    public static String revokeAttestation(Signed<Payloads.RevokeAttestation> s) {
        return Abi.encode(IssuerRegistry.FUNC_REVOKEATTESTATIONBYSIG,
                new IssuerRegistry.RevokeAttestation(big(s.payload().attestationId()), big(s.nonce()),
                        secs(s.deadline())),
                new DynamicBytes(s.signature()));
    }

    public static String trustIssuer(EvmAddress issuer, int types) {
        return Abi.encode(IssuerRegistry.FUNC_TRUSTISSUER, new Address(issuer.hex()),
                new Uint32(Integer.toUnsignedLong(types)));
    }

    public static String logAccess(Hash32 auditHash, Hash32 patientPseudonym, EvmAddress requester,
            long categories, int purposeBit) {
        return Abi.encode(AccessLog.FUNC_LOGACCESS, new Bytes32(auditHash.bytes()),
                new Bytes32(patientPseudonym.bytes()), new Address(requester.hex()), new Uint64(big(categories)),
                new Uint8(purposeBit));
    }

    public static String nonces(EvmAddress owner) {
        return Abi.encode(ConsentRegistry.FUNC_NONCES, new Address(owner.hex()));
    }

    public static String grantOf(long grantId) {
        return Abi.encode(ConsentRegistry.FUNC_GRANTOF, new Uint256(big(grantId)));
    }

    public static String delegationOf(EvmAddress patient, EvmAddress delegate) {
        return Abi.encode(ConsentRegistry.FUNC_DELEGATIONOF, new Address(patient.hex()), new Address(delegate.hex()));
    }

    public static String trustedTypes(EvmAddress issuer) {
        return Abi.encode(IssuerRegistry.FUNC_TRUSTEDTYPES, new Address(issuer.hex()));
    }

    public static String attestationOf(long id) {
        return Abi.encode(IssuerRegistry.FUNC_ATTESTATIONOF, new Uint256(big(id)));
    }

    public static String domainSeparator() {
        return Abi.encode(ConsentRegistry.FUNC_DOMAIN_SEPARATOR);
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    private static BigInteger secs(Instant t) {
        return BigInteger.valueOf(t.getEpochSecond());
    }
}
