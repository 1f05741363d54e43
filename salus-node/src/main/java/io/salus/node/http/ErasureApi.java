package io.salus.node.http;

import io.salus.core.usecase.ErasureService;
import io.salus.core.usecase.ExportService;
import java.time.Clock;

/** What the export and erasure endpoints need from the wired node. */
public record ErasureApi(ErasureService erasure, ExportService export, ErasedAccounts erased, Clock clock) {
}
