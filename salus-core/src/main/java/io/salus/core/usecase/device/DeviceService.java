package io.salus.core.usecase.device;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.device.BatchSignatureVerifier;
import io.salus.core.device.DeviceId;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.DeviceStream;
import io.salus.core.device.IntakePolicy;
import io.salus.core.device.NewDevice;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.AccountStore;
import io.salus.core.port.DeviceFhir;
import io.salus.core.port.DeviceStore;
import io.salus.core.port.KeyManager;
import io.salus.core.record.Category;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.NewRecord;
import io.salus.core.record.Provenance;
import io.salus.core.usecase.RecordSealer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Devices of patients: registration by the patient or a provider caring for them (the key, kind and codes checked by
 * {@link DeviceRegistration#register}; the FHIR {@code Device} sealed and anchored as a record of the patient; the
 * device id and the hash of its key registered on chain through the outbox), listing, status (counters, gaps,
 * freshness) and retirement. Batches are offered to {@link DeviceBatches}. Thread-safe.
 */
public final class DeviceService {
    private final AccountStore accounts;
    private final DeviceStore store;
    private final DeviceFhir fhir;
    private final RecordSealer sealer;
    private final BatchSignatureVerifier verifier;
    private final IntakePolicy policy;
    private final DeviceAccess access;
    private final Clock clock;

    public DeviceService(AccountStore accounts, DeviceStore store, DeviceFhir fhir, KeyManager keys,
            BatchSignatureVerifier verifier, IntakePolicy policy, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.fhir = fhir;
        this.sealer = new RecordSealer(keys);
        this.verifier = verifier;
        this.policy = policy;
        this.access = new DeviceAccess(accounts);
        this.clock = clock;
    }

    /** A device and its stream as its patient (or registering provider) sees it. */
    public record Status(DeviceRegistration registration, DeviceStream stream) {
    }

    /** What a registration request carries besides the patient: the key as hex, the kind and the LOINC codes. */
    public record Request(String publicKeyHex, String kind, List<String> loincCodes) {
    }

    public Result<DeviceRegistration> register(Account actor, AccountId patientId, Request req) {
        return access.mayRegisterFor(actor, patientId).flatMap(patient -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Result<DeviceRegistration> made = DeviceRegistration.register(new NewDevice(patientId, actor.id(),
                    req.publicKeyHex(), req.kind(), req.loincCodes()), new DeviceId(UUID.randomUUID()), now,
                    verifier);
            return made.flatMap(reg -> store(patient, reg, now));
        });
    }

    private Result<DeviceRegistration> store(Account patient, DeviceRegistration reg, Instant now) {
        NewRecord record = sealer.seal(patient, Category.DEVICES, "Device", reg.id().toString(), fhir.device(reg));
        Provenance provenance = new Provenance(reg.registeredBy(), UUID.randomUUID(), "device-registration", now);
        NewDeposit deposit = new NewDeposit(provenance, patient.id(), Optional.of("device:" + reg.id()),
                Hashing.sha256(reg.publicKey().bytes()), List.of(record), Set.of(), List.of(), Optional.empty(),
                Optional.of(Hashing.sha256(patient.encryptionPublicKey())));
        OutboxMessage anchor = new OutboxMessage(OutboxKinds.ANCHOR_DEPOSIT, provenance.depositId().toString(),
                Map.of("depositId", provenance.depositId().toString()));
        if (!store.register(reg, deposit, anchor, onChain(OutboxKinds.REGISTER_DEVICE, reg, Map.of()))) {
            return Result.fail(Failure.of(ErrorCode.DEVICE_INVALID_REGISTRATION,
                    "this public key is already registered to a device", "publicKey"));
        }
        return Result.ok(reg);
    }

    /** The patient's devices; for a provider, those it registered. */
    public Result<List<DeviceRegistration>> of(Account actor, AccountId patientId) {
        if (actor.id().equals(patientId)) {
            return Result.ok(store.ofPatient(patientId));
        }
        List<DeviceRegistration> mine = store.ofPatient(patientId).stream()
                .filter(d -> d.registeredBy().equals(actor.id())).toList();
        return mine.isEmpty() && !accounts.caresFor(actor.id(), patientId)
                ? Result.fail(ErrorCode.FORBIDDEN, "only the patient or a provider caring for them lists devices")
                : Result.ok(mine);
    }

    public Result<Status> status(Account actor, String deviceId) {
        return find(actor, deviceId).map(reg -> new Status(reg, store.stream(reg.id(), policy).stream()));
    }

    /** Retires the device from now on: every batch it offers afterwards is refused; retired on chain too. */
    public Result<DeviceRegistration> retire(Account actor, String deviceId) {
        return find(actor, deviceId).map(reg -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (reg.retiredAt().isEmpty()) {
                store.retire(reg.id(), now, onChain(OutboxKinds.RETIRE_DEVICE, reg, Map.of("retiredAt",
                        now.toString())));
            }
            return store.find(reg.id()).orElseThrow();
        });
    }

    private Result<DeviceRegistration> find(Account actor, String deviceId) {
        Optional<DeviceRegistration> reg = DeviceId.parse(deviceId).flatMap(store::find);
        return access.mayManage(actor, reg, deviceId);
    }

    private static OutboxMessage onChain(String kind, DeviceRegistration reg, Map<String, String> extra) {
        Hash32 keyHash = Hashing.sha256(reg.publicKey().bytes());
        Map<String, String> payload = new java.util.HashMap<>(extra);
        payload.put("deviceId", reg.id().toString());
        payload.put("keyHash", keyHash.hex());
        return new OutboxMessage(kind, reg.id().toString(), payload);
    }
}
