package io.salus.fhir.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.fhir.validation.R4Validator;
import io.salus.testkit.EmergencyBundles;
import io.salus.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class HapiEmergencySummaryTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Account PATIENT = new Account(AccountId.random(), AccountKind.PATIENT, "Robin Ward",
            new EvmAddress("0x" + "a".repeat(40)), "did:pkh:eip155:31337:0x" + "a".repeat(40), new byte[32],
            Instant.parse("2026-01-01T00:00:00Z"));

    /** The bundle's resources as the record store holds them: one JSON document per resource. */
    private static List<byte[]> records(byte[] bundle) {
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, new String(bundle, StandardCharsets.UTF_8));
        List<byte[]> out = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            out.add(FHIR.newJsonParser().encodeResourceToString(e.getResource()).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Bundle summary() {
        byte[] json = new HapiEmergencySummary(FHIR).summarise(PATIENT, records(EmergencyBundles.patient("e-1")),
                Instant.parse("2026-12-06T06:00:00Z"));
        return FHIR.newJsonParser().parseResource(Bundle.class, new String(json, StandardCharsets.UTF_8));
    }

    private static List<String> titles(Composition.SectionComponent s, Bundle b) {
        return s.getEntry().stream().map(r -> b.getEntry().stream()
                .filter(e -> e.getFullUrl().equals(r.getReference())).findFirst().orElseThrow().getResource())
                .map(Resource::fhirType).toList();
    }

    @Test
    void profile_holdsActiveAllergiesMedicationsConditionsAndBloodGroup_andLeavesTheRestOut() {
        Bundle b = summary();
        Composition c = (Composition) b.getEntryFirstRep().getResource();
        assertThat(c.getType().getCodingFirstRep().getCode()).isEqualTo("60591-5");
        assertThat(c.getSection()).extracting(s -> s.getCode().getCodingFirstRep().getCode())
                .containsExactly("48765-2", "10160-0", "11450-4", "30954-2");
        assertThat(c.getSection()).allSatisfy(s -> assertThat(s.getEntry()).hasSize(1));
        assertThat(titles(c.getSection().get(1), b)).containsExactly("MedicationRequest");
        String text = FHIR.newJsonParser().encodeResourceToString(b);
        assertThat(text).contains("Penicillin", "Warfarin", "Atrial fibrillation", "Blood group A Rh(D) positive")
                .doesNotContain("Latex", "Amoxicillin", "Sinusitis", "Glucose");
    }

    @Test
    void profile_carriesTheEmergencyContact_andEveryReferenceResolvesInsideTheDocument() {
        Bundle b = summary();
        Patient p = (Patient) b.getEntry().get(1).getResource();
        assertThat(p.getContactFirstRep().getTelecomFirstRep().getValue()).isEqualTo("+44 20 7946 0001");
        assertThat(b.getEntry().get(1).getFullUrl()).isEqualTo("urn:uuid:" + PATIENT.id().value());
        String json = FHIR.newJsonParser().encodeResourceToString(b);
        assertThat(R4Validator.forR4().validate(json).isOk())
                .as(() -> R4Validator.forR4().validate(json).failure().toString()).isTrue();
    }

    @Test
    void syntheaPatient_getsAValidProfileOfTheirActiveAllergiesMedicationsAndConditions() {
        byte[] json = new HapiEmergencySummary(FHIR).summarise(PATIENT,
                records(Fixtures.bytes(Fixtures.syntheaBundles().get(0))), Instant.now());
        String text = new String(json, StandardCharsets.UTF_8);
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, text);
        Composition c = (Composition) b.getEntryFirstRep().getResource();
        assertThat(c.getSection().get(0).getEntry()).as("allergies").isNotEmpty();
        assertThat(c.getSection().get(2).getEntry()).as("problems").isNotEmpty();
        assertThat(R4Validator.forR4().validate(text).isOk())
                .as(() -> R4Validator.forR4().validate(text).failure().toString()).isTrue();
    }

    @Test
    void patientWithoutRecords_getsAnEmptyButValidProfile() {
        byte[] json = new HapiEmergencySummary(FHIR).summarise(PATIENT, List.of(), Instant.now());
        assertThat(R4Validator.forR4().validate(new String(json, StandardCharsets.UTF_8)).isOk()).isTrue();
    }
}
