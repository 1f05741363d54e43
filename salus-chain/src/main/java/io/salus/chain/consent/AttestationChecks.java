package io.salus.chain.consent;

import io.salus.chain.ConsentAddresses;
import io.salus.chain.consent.internal.ConsentCalls;
import io.salus.chain.internal.ChainReads;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;

/** The IssuerRegistry's checks of attestations and their revocations, made before sending. Stateless. */
final class AttestationChecks {
    private AttestationChecks() {
    }

    static Result<Signed<?>> attest(Signed<Payloads.Attest> s, Preflight preflight, ChainReads chain,
            ConsentAddresses contracts) {
        Payloads.Attest a = s.payload();
        if (a.purposes() == 0 || a.validFrom().getEpochSecond() < 0 || !a.validUntil().isAfter(a.validFrom())) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "an attestation needs purposes and a window "
                    + "[validFrom, validUntil) after 1970");
        }
        return preflight.signed(s).flatMap(ok -> {
            long trusted = chain.uint(contracts.issuerRegistry(), ConsentCalls.trustedTypes(s.signer()))
                    .longValueExact();
            if ((trusted & a.type().mask()) == 0) {
                return Result.fail(ErrorCode.UNTRUSTED_ISSUER, s.signer() + " is not trusted to attest "
                        + a.type());
            }
            return Result.ok(ok);
        });
    }

    static Result<Signed<?>> revoke(Signed<Payloads.RevokeAttestation> s, Preflight preflight, ChainReads chain,
            ConsentAddresses contracts) {
        long id = s.payload().attestationId();
        if (id <= 0) {
            return Result.fail(ErrorCode.NOT_FOUND, "no attestation " + id);
        }
        return preflight.signed(s).flatMap(ok -> {
            List<Object> r = chain.call(contracts.issuerRegistry(), ConsentCalls.attestationOf(id),
                    new TypeReference<Address>() {
                    }, new TypeReference<Address>() {
                    }, new TypeReference<Uint16>() {
                    }, new TypeReference<Uint32>() {
                    }, new TypeReference<Uint64>() {
                    }, new TypeReference<Uint64>() {
                    }, new TypeReference<Bool>() {
                    });
            EvmAddress issuer = new EvmAddress((String) r.get(0));
            if (issuer.hex().equals("0x" + "0".repeat(40))) {
                return Result.fail(ErrorCode.NOT_FOUND, "no attestation " + id);
            }
            if ((Boolean) r.get(6)) {
                return Result.fail(ErrorCode.ATTESTATION_REVOKED, "attestation " + id + " is already revoked");
            }
            if (!issuer.equals(s.signer())) {
                return Result.fail(ErrorCode.FORBIDDEN, "only its issuer " + issuer + " can revoke attestation " + id);
            }
            return Result.ok(ok);
        });
    }

}
