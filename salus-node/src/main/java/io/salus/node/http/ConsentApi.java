package io.salus.node.http;

import io.salus.core.port.AuditLog;
import io.salus.core.usecase.consent.AccessService;
import io.salus.core.usecase.consent.AttestationService;
import io.salus.core.usecase.consent.AuditVerifier;
import io.salus.core.usecase.consent.ConsentService;
import io.salus.core.usecase.consent.ConsentSync;
import java.time.Clock;

/** What the consent endpoints need from the wired node. */
public record ConsentApi(ConsentService consents, AttestationService attestations, AccessService access,
        AuditVerifier verifier, AuditLog audit, ConsentSync sync, Clock clock) {
}
