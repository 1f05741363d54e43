package io.salus.node.http;

import io.salus.core.recovery.RecoveryCompletion;
import io.salus.core.recovery.RecoveryLedger;
import io.salus.core.recovery.RecoveryService;

/** The wired key-recovery use cases (and the recovery ledger, for operator tools and tests). */
public record RecoveryApi(RecoveryService service, RecoveryCompletion completion, RecoveryLedger ledger) {
}
