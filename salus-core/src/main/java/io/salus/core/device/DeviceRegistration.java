package io.salus.core.device;

import io.salus.core.account.AccountId;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A registered device: which patient its readings are about, who registered it, its Ed25519 public key, its kind, the
 * vital signs (LOINC codes) it may report, when it was registered and, once retired (lost, replaced, compromised),
 * from when its key signs nothing more.
 */
public record DeviceRegistration(DeviceId id, AccountId patient, AccountId registeredBy, Ed25519PublicKey publicKey,
        DeviceKind kind, Set<VitalSign> measures, Instant registeredAt, Optional<Instant> retiredAt) {

    public DeviceRegistration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(registeredBy, "registeredBy");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(retiredAt, "retiredAt");
        if (measures.isEmpty()) {
            throw new IllegalArgumentException("a device measures at least one vital sign");
        }
        measures = Set.copyOf(EnumSet.copyOf(measures));
    }

    /**
     * Validates a request: the key must be 32 bytes of hex that the verifier accepts as an Ed25519 point, the kind
     * known, the codes non-empty and each one of {@link VitalSign}. Every problem is reported, each with its location;
     * the failure is {@link ErrorCode#DEVICE_INVALID_REGISTRATION}.
     */
    public static Result<DeviceRegistration> register(NewDevice req, DeviceId id, Instant at,
            BatchSignatureVerifier verifier) {
        List<Failure.Issue> issues = new ArrayList<>();
        Ed25519PublicKey key = null;
        try {
            key = Ed25519PublicKey.fromHex(req.publicKeyHex());
            if (!verifier.acceptsKey(key)) {
                issues.add(new Failure.Issue("not a usable Ed25519 public key (invalid or small-order point)",
                        "publicKey"));
            }
        } catch (IllegalArgumentException e) {
            issues.add(new Failure.Issue("the public key is 32 bytes of hex", "publicKey"));
        }
        Optional<DeviceKind> kind = DeviceKind.parse(req.kind());
        if (kind.isEmpty()) {
            issues.add(new Failure.Issue("unknown device kind " + req.kind(), "kind"));
        }
        Set<VitalSign> measures = EnumSet.noneOf(VitalSign.class);
        for (int i = 0; i < req.loincCodes().size(); i++) {
            String code = req.loincCodes().get(i);
            Optional<VitalSign> sign = VitalSign.byLoinc(code);
            if (sign.isPresent()) {
                measures.add(sign.get());
            } else {
                issues.add(new Failure.Issue("not a supported vital-sign LOINC code: " + code,
                        "loincCodes[" + i + "]"));
            }
        }
        if (req.loincCodes().isEmpty()) {
            issues.add(new Failure.Issue("a device measures at least one vital sign", "loincCodes"));
        }
        if (measures.stream().map(VitalSign::category).distinct().count() > 1) {
            issues.add(new Failure.Issue("a device reports either vital signs or blood glucose (laboratory), not "
                    + "both: each batch is sealed as one record of one data category; register two devices",
                    "loincCodes"));
        }
        if (!issues.isEmpty()) {
            return Result.fail(new Failure(ErrorCode.DEVICE_INVALID_REGISTRATION,
                    issues.size() + " problem(s) in the device registration", issues));
        }
        return Result.ok(new DeviceRegistration(id, req.patient(), req.registeredBy(), key, kind.get(), measures, at,
                Optional.empty()));
    }

    /** The same registration retired from {@code at}: batches offered from then on are refused. */
    public DeviceRegistration retire(Instant at) {
        return new DeviceRegistration(id, patient, registeredBy, publicKey, kind, measures, registeredAt,
                Optional.of(retiredAt.filter(r -> r.isBefore(at)).orElse(at)));
    }

    public boolean retiredAt(Instant t) {
        return retiredAt.isPresent() && !t.isBefore(retiredAt.get());
    }

    /**
     * The FHIR observation category of everything the device reports ({@code vital-signs} or {@code laboratory}):
     * registration allows one, so every batch of the device is one record of one data category.
     */
    public String observationCategory() {
        return measures.iterator().next().category();
    }

    public boolean reports(VitalSign sign) {
        return measures.contains(sign);
    }
}
