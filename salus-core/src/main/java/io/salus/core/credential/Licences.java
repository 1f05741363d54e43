package io.salus.core.credential;

import io.salus.core.account.AccountKind;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Provider licences: which licence each provider kind holds (a physician a PHYSICIAN_LICENCE, a pharmacy a
 * PHARMACY_LICENCE, a hospital a HOSPITAL_LICENCE), and a provider's standing from its attestations as the decision
 * point sees them. Only a licence backed by a presented credential counts (an on-chain attestation alone does not);
 * it must be valid at the time and not revoked at the block. Pure.
 */
public final class Licences {
    private Licences() {
    }

    /** Where a provider stands. */
    public enum Standing {
        /** A valid, presented licence of the provider's kind. */
        LICENSED,
        /** No valid licence, and one of its kind was revoked: the provider is stopped whatever the policy. */
        REVOKED,
        /** No presented licence of its kind (never presented, expired). */
        UNLICENSED,
        /** Not a provider account: licences do not apply. */
        NOT_A_PROVIDER
    }

    /** The licence a provider of this kind holds; empty for accounts that are not providers. */
    public static Optional<AttestationType> requiredFor(AccountKind kind) {
        return switch (kind) {
            case PHYSICIAN -> Optional.of(AttestationType.PHYSICIAN_LICENCE);
            case PHARMACY -> Optional.of(AttestationType.PHARMACY_LICENCE);
            case HOSPITAL -> Optional.of(AttestationType.HOSPITAL_LICENCE);
            default -> Optional.empty();
        };
    }

    /** The provider's standing and, when licensed, the licence it rests on. */
    public record Checked(Standing standing, Optional<Attestation> licence) {
    }

    public static Checked check(AccountKind kind, List<Attestation> attestations, Set<Long> credentialBacked,
            Instant at, long block) {
        Optional<AttestationType> type = requiredFor(kind);
        if (type.isEmpty()) {
            return new Checked(Standing.NOT_A_PROVIDER, Optional.empty());
        }
        List<Attestation> licences = attestations.stream()
                .filter(a -> a.type() == type.get() && credentialBacked.contains(a.id())).toList();
        Optional<Attestation> valid = licences.stream().filter(a -> a.validAt(at) && !a.revokedAt(block))
                .findFirst();
        if (valid.isPresent()) {
            return new Checked(Standing.LICENSED, valid);
        }
        return new Checked(licences.stream().anyMatch(a -> a.revokedAt(block))
                ? Standing.REVOKED
                : Standing.UNLICENSED, Optional.empty());
    }
}
