package io.salus.core.record;

import io.salus.core.account.AccountId;
import java.nio.charset.StandardCharsets;

/**
 * The associated data every record's ciphertext (and sealed salt) is bound to: moving one to another row breaks it.
 */
public final class RecordBinding {
    private RecordBinding() {
    }

    public static byte[] associatedData(RecordId record, AccountId patient, Category category) {
        return ("salus-record-v1|" + record + "|" + patient + "|" + category.name()).getBytes(StandardCharsets.UTF_8);
    }

    /** What a record's salt is sealed to (under the KEK): the salt of one record cannot open as another's. */
    public static byte[] saltAssociatedData(RecordId record) {
        return ("salus-salt-v1|" + record).getBytes(StandardCharsets.UTF_8);
    }
}
