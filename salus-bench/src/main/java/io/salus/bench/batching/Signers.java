package io.salus.bench.batching;

import io.salus.chain.consent.EvmSigner;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.consent.Signed;
import io.salus.core.port.ConsentLedger;
import io.salus.core.record.Category;
import io.salus.core.port.Ledger.Registration;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * Fresh patients for the benchmark: random addresses to register, and grants signed by new patient keys (nonce 0,
 * a deadline an hour ahead) over the consent ledger's EIP-712 digest, as a patient's device signs them.
 */
final class Signers {
    private final SecureRandom random = new SecureRandom();
    private final EvmSigner signer = new EvmSigner();
    private final ConsentLedger ledger;

    Signers(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    List<Registration> registrations(int n) {
        List<Registration> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] a = new byte[20];
            random.nextBytes(a);
            out.add(new Registration(EvmAddress.of(a), AccountKind.PATIENT));
        }
        return out;
    }

    List<Signed<GrantTerms>> grants(int n) {
        Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        Instant deadline = now.plus(Duration.ofHours(1));
        List<Signed<GrantTerms>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            key[0] &= 0x7f;
            key[31] |= 1;
            EvmAddress patient = new EvmAddress(Credentials.create(ECKeyPair.create(key)).getAddress());
            GrantTerms terms = new GrantTerms(patient, Category.LAB_RESULTS.mask(),
                    AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH.mask(), now.minusSeconds(60),
                    now.plus(Duration.ofDays(365)), 0, Optional.empty());
            Signed<GrantTerms> unsigned = new Signed<>(terms, patient, 0, deadline, new byte[0]);
            out.add(new Signed<>(terms, patient, 0, deadline, signer.sign(ledger.digest(unsigned), key)));
        }
        return out;
    }
}
