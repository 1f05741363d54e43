package io.salus.crypto.credential;

import io.salus.core.consent.AttestationType;
import java.util.List;
import java.util.Optional;

/**
 * The credential types the node issues and recognises, each an SD-JWT VC type ({@code vct}) mapped onto
 * {@link AttestationType}. A consumer-type credential names its consumer type in the selectively disclosable
 * {@code consumer_type} claim; the licences are of one type each. {@code required} are the claims a presentation must
 * disclose for the decision point to use it.
 */
public enum CredentialKind {
    CONSUMER_TYPE("https://salus.health/vct/consumer-type", List.of("consumer_type", "purposes")),
    PHYSICIAN_LICENCE("https://salus.health/vct/physician-licence", List.of("purposes")),
    PHARMACY_LICENCE("https://salus.health/vct/pharmacy-licence", List.of("purposes")),
    HOSPITAL_LICENCE("https://salus.health/vct/hospital-licence", List.of("purposes")),
    EMERGENCY_RESPONDER("https://salus.health/vct/emergency-responder", List.of("purposes"));

    private final String vct;
    private final List<String> required;

    CredentialKind(String vct, List<String> required) {
        this.vct = vct;
        this.required = required;
    }

    public String vct() {
        return vct;
    }

    public List<String> required() {
        return required;
    }

    public static Optional<CredentialKind> ofVct(Object vct) {
        for (CredentialKind k : values()) {
            if (k.vct.equals(vct)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The kind that carries an attestation type. */
    public static Optional<CredentialKind> of(AttestationType type) {
        if (type.isConsumerType()) {
            return Optional.of(CONSUMER_TYPE);
        }
        return switch (type) {
            case PHYSICIAN_LICENCE -> Optional.of(PHYSICIAN_LICENCE);
            case PHARMACY_LICENCE -> Optional.of(PHARMACY_LICENCE);
            case HOSPITAL_LICENCE -> Optional.of(HOSPITAL_LICENCE);
            case EMERGENCY_RESPONDER -> Optional.of(EMERGENCY_RESPONDER);
            default -> Optional.empty();
        };
    }

    /** The attestation type a credential of this kind stands for, given its consumer_type claim (if disclosed). */
    public Optional<AttestationType> attestationType(Object consumerTypeClaim) {
        return switch (this) {
            case CONSUMER_TYPE -> consumerTypeClaim instanceof String s
                    ? AttestationType.parse(s).filter(AttestationType::isConsumerType)
                    : Optional.empty();
            case PHYSICIAN_LICENCE -> Optional.of(AttestationType.PHYSICIAN_LICENCE);
            case PHARMACY_LICENCE -> Optional.of(AttestationType.PHARMACY_LICENCE);
            case HOSPITAL_LICENCE -> Optional.of(AttestationType.HOSPITAL_LICENCE);
            case EMERGENCY_RESPONDER -> Optional.of(AttestationType.EMERGENCY_RESPONDER);
        };
    }
}
