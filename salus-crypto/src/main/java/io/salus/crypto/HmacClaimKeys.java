package io.salus.crypto;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.ClaimKeys;
import io.salus.crypto.internal.AccountKeyPairs;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * Per-deal claim keys derived from one node secret: the secp256k1 private key of a payee in a deal is
 * {@code HMAC-SHA256(secret, "salus/claim/1|" ‖ dealId ‖ "|" ‖ label)} (re-hashed with a counter in the negligible case
 * it is not in [1, n−1]), and the claim address is its EVM address. Without the secret, claim addresses of one account
 * in two deals, or a claim address and the account's registered address, cannot be linked. The node can always
 * recompute the key (to move the payee's tokens on their request). Thread-safe; the secret is copied in.
 */
public final class HmacClaimKeys implements ClaimKeys {
    private static final BigInteger N = CustomNamedCurves.getByName("secp256k1").getN();
    private final byte[] secret;

    public HmacClaimKeys(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("a claim secret is at least 32 bytes");
        }
        this.secret = secret.clone();
    }

    @Override
    public EvmAddress claimAddress(Hash32 dealId, String label) {
        byte[] key = claimKey(dealId, label);
        try {
            return AccountKeyPairs.address(AccountKeyPairs.signingPublicKey(key));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public byte[] claimKey(Hash32 dealId, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] input = ("salus/claim/1|" + dealId.hex() + "|" + label).getBytes(StandardCharsets.UTF_8);
            byte[] k = mac.doFinal(input);
            for (int counter = 1; !inRange(k); counter++) {
                mac.update(k);
                k = mac.doFinal(new byte[]{(byte) counter});
            }
            return k;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 missing from the JDK", e);
        }
    }

    private static boolean inRange(byte[] k) {
        BigInteger v = new BigInteger(1, k);
        return v.signum() > 0 && v.compareTo(N) < 0;
    }

}
