package io.salus.core.usecase.device;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import java.util.Optional;

/**
 * Who may do what with a patient's devices: the patient, or a provider linked to the patient (caring for them), may
 * register one; the patient, or the provider who registered it, may see and retire it. Thread-safe.
 */
final class DeviceAccess {
    private final AccountStore accounts;

    DeviceAccess(AccountStore accounts) {
        this.accounts = accounts;
    }

    Result<Account> mayRegisterFor(Account actor, AccountId patientId) {
        Optional<Account> patient = accounts.find(patientId);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + patientId);
        }
        if (patient.get().kind() != AccountKind.PATIENT) {
            return Result.fail(ErrorCode.NOT_A_PATIENT, "account " + patientId + " is not a patient");
        }
        if (actor.id().equals(patientId)) {
            return Result.ok(patient.get());
        }
        if (!actor.kind().isProvider()) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient or a provider caring for them registers devices");
        }
        if (!accounts.caresFor(actor.id(), patientId)) {
            return Result.fail(ErrorCode.NO_CARE_RELATIONSHIP, "provider " + actor.id()
                    + " is not linked to patient " + patientId);
        }
        return Result.ok(patient.get());
    }

    /** The same answer for "absent" and "not yours": a device's existence is not disclosed. */
    Result<DeviceRegistration> mayManage(Account actor, Optional<DeviceRegistration> device, String id) {
        if (device.isPresent() && (device.get().patient().equals(actor.id())
                || device.get().registeredBy().equals(actor.id()))) {
            return Result.ok(device.get());
        }
        return Result.fail(ErrorCode.DEVICE_NOT_FOUND, "no device " + id + " for this account");
    }
}
