package io.salus.node.wiring;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.port.KeyManager;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.consent.AuditedRelease;
import io.salus.core.usecase.credential.Presentations;
import io.salus.core.usecase.credential.ProviderLicences;
import io.salus.core.usecase.consent.ReleasedRecords;
import io.salus.core.usecase.emergency.BreakGlass;
import io.salus.core.usecase.emergency.BreakGlassReviews;
import io.salus.core.usecase.emergency.EmergencyNotices;
import io.salus.core.usecase.emergency.EmergencyPreferences;
import io.salus.core.usecase.emergency.ResponderCheck;
import io.salus.fhir.emergency.HapiEmergencySummary;
import io.salus.node.config.NodeSettings;
import io.salus.store.PostgresEmergencyStore;
import java.time.Clock;

/**
 * Wires the care workflows (issue 19). Provider credentialing: sign-up and status on the presentations and the
 * decision point (whose licence policy, from {@code salus.providers.licence-required}, the consent wiring sets).
 * Emergency (break-the-glass) access: the store (V50), the responder check on the decision point's
 * attestations and the credential presentations, the consent wiring's audit trail (AuditEvents, AccessLog), the
 * record read path, the IPS-shaped summary, notices to the patient and delegates receiving alerts (the consent
 * projection synced to the chain head, as monitoring reads it) and the access window from the settings.
 */
public record CareWiring(BreakGlass breakGlass, BreakGlassReviews reviews, EmergencyPreferences preferences,
        ProviderLicences licences) {

    static CareWiring wire(NodeSettings s, Storage storage, ConsentWiring consent, CredentialWiring credentials,
            Presentations presentations, RecordService records, KeyManager keys, Clock clock) {
        PostgresEmergencyStore store = new PostgresEmergencyStore(storage.jdbi(), keys);
        var trail = consent.trail();
        AuditedRelease release = new AuditedRelease(trail.audit(), trail.formatter(), trail.ledger(), trail.outbox(),
                trail.pseudonyms(), clock);
        EmergencyNotices notices = new EmergencyNotices(storage.accounts(), patient -> {
            consent.sync().toHead();
            return storage.consents().delegationsOf(patient);
        });
        BreakGlass breakGlass = new BreakGlass(storage.accounts(), store,
                new ResponderCheck(consent.sync(), consent.decisionPoint(), credentials.decisionInput()), release,
                new ReleasedRecords(storage.records(), records), new HapiEmergencySummary(FhirContext.forR4Cached()),
                notices, clock, s.emergencyWindow());
        return new CareWiring(breakGlass, new BreakGlassReviews(storage.accounts(), store, consent.decisionPoint(),
                clock), new EmergencyPreferences(store, clock),
                new ProviderLicences(presentations, consent.decisionPoint(), clock));
    }
}
