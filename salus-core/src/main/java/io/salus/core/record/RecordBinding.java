package io.salus.core.record;

import io.salus.core.account.AccountId;
import java.nio.charset.StandardCharsets;

/** The associated data every record's ciphertext is bound to: moving a ciphertext to another row breaks it. */
public final class RecordBinding {
    private RecordBinding() {
    }

    public static byte[] associatedData(RecordId record, AccountId patient, Category category) {
        return ("salus-record-v1|" + record + "|" + patient + "|" + category.name()).getBytes(StandardCharsets.UTF_8);
    }
}
