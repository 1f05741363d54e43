package io.salus.core.usecase.consent;

import io.salus.core.consent.AuditEntry;
import io.salus.core.record.Category;
import io.salus.core.record.RecordId;
import java.util.List;

/**
 * What a permitted request returns: every decision as audited (permits and denials), and the records of the
 * permitted categories (FHIR JSON), each integrity-checked.
 */
public record Release(long block, List<AuditEntry> audit, List<ReleasedRecord> records) {
    public Release {
        audit = List.copyOf(audit);
        records = List.copyOf(records);
    }

    public record ReleasedRecord(RecordId id, Category category, String resourceType, byte[] json) {
    }
}
