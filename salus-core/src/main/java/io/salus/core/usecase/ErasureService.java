package io.salus.core.usecase;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.erasure.ErasureReceipt;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.ErasureStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * GDPR art. 17 erasure by crypto-shredding: only the patient, only with the exact confirmation {@code ERASE <patient
 * id>}. The store destroys keys, salts and plaintext-derived rows in one transaction; {@code onErased} then drops the
 * patient from in-memory indexes and staged deal files (it runs only after the commit, once per patient). Idempotent:
 * a second request returns the first receipt. Thread-safe.
 */
public final class ErasureService {
    private final ErasureStore store;
    private final Consumer<ErasureReceipt> onErased;
    private final Clock clock;

    public ErasureService(ErasureStore store, Consumer<ErasureReceipt> onErased, Clock clock) {
        this.store = store;
        this.onErased = onErased;
        this.clock = clock;
    }

    /** The confirmation a patient must send to erase. */
    public static String confirmationFor(AccountId patient) {
        return "ERASE " + patient;
    }

    public Result<ErasureReceipt> erase(Account actor, AccountId patient, String confirmation) {
        if (!actor.id().equals(patient)) {
            return Result.fail(ErrorCode.ERASURE_BY_PATIENT_ONLY, "only patient " + patient + " may erase their data");
        }
        if (actor.kind() != AccountKind.PATIENT) {
            return Result.fail(ErrorCode.NOT_A_PATIENT, "account " + patient + " is not a patient");
        }
        if (!confirmationFor(patient).equals(confirmation)) {
            return Result.fail(Failure.of(ErrorCode.ERASURE_NOT_CONFIRMED,
                    "send {\"confirm\":\"" + confirmationFor(patient) + "\"}; nothing was erased", "confirm"));
        }
        ErasureStore.Erased erased = store.erase(patient, clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (erased.now()) {
            onErased.accept(erased.receipt());
        }
        return Result.ok(erased.receipt());
    }

    public Result<ErasureReceipt> receipt(Account actor, AccountId patient) {
        if (!actor.id().equals(patient)) {
            return Result.fail(ErrorCode.ERASURE_BY_PATIENT_ONLY, "only patient " + patient + " may see this");
        }
        return store.find(patient).<Result<ErasureReceipt>>map(Result::ok)
                .orElseGet(() -> Result.fail(ErrorCode.NOT_ERASED, "patient " + patient + " has not been erased"));
    }

    /** The erasure of a patient, if any (for guards refusing every later access). */
    public Optional<ErasureReceipt> find(AccountId patient) {
        return store.find(patient);
    }
}
