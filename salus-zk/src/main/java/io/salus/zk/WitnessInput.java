package io.salus.zk;

import io.salus.core.zk.PublicSignals;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The circuit's inputs for one proof, as decimal strings by signal name: the public statement ({@link Claim}) and
 * the patient's private witness (secret, value, issuance time, the provider's signature). Built and consumed on the
 * patient's side only.
 */
public final class WitnessInput {
    private WitnessInput() {
    }

    public static Map<String, String> of(SignedAttribute attribute, PatientSecret secret, Claim claim) {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("providerAx", attribute.provider().x().toString());
        in.put("providerAy", attribute.provider().y().toString());
        in.put("kind", claim.kind().element().toString());
        in.put("lo", claim.predicate().lo().toString());
        in.put("hi", claim.predicate().hi().toString());
        in.put("notBefore", Long.toString(claim.notBefore()));
        in.put("scope", claim.scope().toString());
        in.put("recipient", PublicSignals.addressSignal(claim.recipient()).toString());
        in.put("secret", secret.value().toString());
        in.put("value", attribute.value().toString());
        in.put("issuedAt", Long.toString(attribute.issuedAt()));
        in.put("sigR8x", attribute.signature().r8().x().toString());
        in.put("sigR8y", attribute.signature().r8().y().toString());
        in.put("sigS", attribute.signature().s().toString());
        return in;
    }

    /** The public signals a proof of this claim will carry (what the verifier must see). */
    public static PublicSignals expectedSignals(SignedAttribute attribute, PatientSecret secret, Claim claim) {
        return new PublicSignals(secret.nullifier(claim.scope()), attribute.provider().x(), attribute.provider().y(),
                claim.kind().element(), claim.predicate().lo(), claim.predicate().hi(),
                BigInteger.valueOf(claim.notBefore()), claim.scope(), PublicSignals.addressSignal(claim.recipient()));
    }
}
