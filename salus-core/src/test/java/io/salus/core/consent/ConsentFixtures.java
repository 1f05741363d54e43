package io.salus.core.consent;

import io.salus.core.account.EvmAddress;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.Optional;

/** Accounts, times and builders shared by the consent policy tests. */
final class ConsentFixtures {
    static final EvmAddress PATIENT = address(1);
    static final EvmAddress RESEARCHER = address(2);
    static final EvmAddress OTHER_CONSUMER = address(3);
    static final EvmAddress ISSUER = address(4);
    static final EvmAddress CAREGIVER = address(5);
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final long BLOCK = 100;

    private ConsentFixtures() {
    }

    static EvmAddress address(int n) {
        return new EvmAddress(String.format("0x%040x", n));
    }

    static AccessRequest request(Category c, Purpose p) {
        return new AccessRequest(RESEARCHER, PATIENT, c, p, NOW, BLOCK);
    }

    static Attestation attestation(AttestationType type, int purposes) {
        return new Attestation(1, ISSUER, RESEARCHER, type, purposes, T0, T1, 1, Optional.empty());
    }

    static GrantTerms terms(long categories, int types, int purposes) {
        return new GrantTerms(PATIENT, categories, types, purposes, T0, T1, 0, Optional.empty());
    }

    static Grant grant(long id, GrantTerms terms) {
        return new Grant(id, terms, PATIENT, 10, Optional.empty());
    }

    static Grant researchGrant(long id) {
        return grant(id, terms(Category.CONDITIONS.mask() | Category.LAB_RESULTS.mask(),
                AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH.mask()));
    }

    static Attestation researcher() {
        return attestation(AttestationType.ACADEMIC_RESEARCHER, Purpose.HRESCH.mask() | Purpose.CLINTRCH.mask());
    }
}
