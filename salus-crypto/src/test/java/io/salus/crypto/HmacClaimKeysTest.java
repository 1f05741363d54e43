package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.ClaimKeys;
import io.salus.crypto.internal.AccountKeyPairs;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HmacClaimKeysTest {
    static final byte[] SECRET = Hashing.keccak256("claim secret".getBytes(StandardCharsets.UTF_8)).bytes();
    static final EvmAddress PATIENT = new EvmAddress("0x" + "ab".repeat(20));

    static Hash32 deal(int i) {
        return Hashing.keccak256(("deal " + i).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPatientGetsAnotherClaimAddressInEveryDeal_neverTheirOwn_andTheKeyIsTheAddresssKey() {
        HmacClaimKeys claims = new HmacClaimKeys(SECRET);
        Set<EvmAddress> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            EvmAddress a = claims.claimAddress(deal(i), ClaimKeys.patient(PATIENT));
            assertThat(a).isNotEqualTo(PATIENT);
            assertThat(seen.add(a)).isTrue();
            assertThat(AccountKeyPairs.address(AccountKeyPairs.signingPublicKey(claims.claimKey(deal(i),
                    ClaimKeys.patient(PATIENT))))).isEqualTo(a);
        }
    }

    @Test
    void claimAddresses_areStableForTheNode_andOthersWithoutItsSecret() {
        EvmAddress a = new HmacClaimKeys(SECRET).claimAddress(deal(1), ClaimKeys.patient(PATIENT));
        assertThat(new HmacClaimKeys(SECRET.clone()).claimAddress(deal(1), ClaimKeys.patient(PATIENT)))
                .isEqualTo(a);
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        assertThat(new HmacClaimKeys(other).claimAddress(deal(1), ClaimKeys.patient(PATIENT))).isNotEqualTo(a);
        assertThat(new HmacClaimKeys(SECRET).claimAddress(deal(1), ClaimKeys.caregiver(PATIENT, deal(9))))
                .isNotEqualTo(a);
    }
}
