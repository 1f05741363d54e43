package io.salus.crypto.credential;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.salus.core.account.EvmAddress;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Issuer-signed JWTs (credentials and status list tokens): ES256K with the issuer account's secp256k1 key, the public
 * key in the {@code jwk} header. A signature counts only if it verifies with that key <em>and</em> the key's EVM address
 * is the address of the {@code iss} DID. Stateless and thread-safe.
 */
final class IssuerSignature {
    private IssuerSignature() {
    }

    static String sign(String type, Map<String, Object> claims, byte[] issuerPrivateKey) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256K).type(new JOSEObjectType(type))
                    .jwk(Secp256k1Jwk.publicJwk(issuerPrivateKey)).build();
            SignedJWT jwt = new SignedJWT(header, JWTClaimsSet.parse(claims));
            ECDSASigner signer = new ECDSASigner(Secp256k1Jwk.privateKey(issuerPrivateKey), Curve.SECP256K1);
            signer.getJCAContext().setProvider(Secp256k1Jwk.BC);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalArgumentException("cannot sign the issuer JWT", e);
        }
    }

    /**
     * The issuer's address if {@code jwt} is of {@code type}, signed with ES256K by the key in its header, and that
     * key's address is the {@code iss} DID's; empty otherwise.
     */
    static Optional<EvmAddress> verify(SignedJWT jwt, String type) {
        try {
            JWSHeader h = jwt.getHeader();
            if (!JWSAlgorithm.ES256K.equals(h.getAlgorithm()) || h.getType() == null
                    || !type.equals(h.getType().getType()) || !(h.getJWK() instanceof ECKey key)
                    || key.isPrivate()) {
                return Optional.empty();
            }
            ECDSAVerifier verifier = new ECDSAVerifier(key.toECPublicKey(Secp256k1Jwk.BC));
            verifier.getJCAContext().setProvider(Secp256k1Jwk.BC);
            if (!jwt.verify(verifier)) {
                return Optional.empty();
            }
            EvmAddress signer = Secp256k1Jwk.address(key);
            EvmAddress claimed = Secp256k1Jwk.addressOfDid(jwt.getJWTClaimsSet().getIssuer());
            return signer.equals(claimed) ? Optional.of(signer) : Optional.empty();
        } catch (JOSEException | ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
