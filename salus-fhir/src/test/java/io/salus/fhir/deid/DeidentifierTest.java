package io.salus.fhir.deid;

import static io.salus.fhir.deid.StoredFixtures.DEIDENTIFIER;
import static io.salus.fhir.deid.StoredFixtures.deal;
import static io.salus.fhir.deid.StoredFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.BundleParser.ParsedResource;
import io.salus.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class DeidentifierTest {
    static final FhirContext FHIR = FhirContext.forR4();

    static DeidentifiedPatient deidentify(DealKey deal, String fixture) {
        return DEIDENTIFIER.deidentify(deal, json(fixture)).orElseThrow();
    }

    static Resource parseStrict(byte[] json) {
        IParser parser = FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        return (Resource) parser.parseResource(new String(json, StandardCharsets.UTF_8));
    }

    static String text(DeidentifiedPatient p) {
        return p.resources().stream().map(r -> new String(r.json(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("\n"));
    }

    /** Names, identifiers, telecoms, addresses, relatives, birth places, provider names and original ids. */
    static Set<String> identifyingStrings(String fixture) {
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, Fixtures.string(fixture));
        Set<String> out = new HashSet<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            out.add(r.getIdElement().getIdPart());
            for (HumanName n : FHIR.newTerser().getAllPopulatedChildElementsOfType(r, HumanName.class)) {
                n.getGiven().forEach(g -> out.add(g.getValue()));
                out.add(n.getFamily());
            }
            for (Identifier id : FHIR.newTerser().getAllPopulatedChildElementsOfType(r, Identifier.class)) {
                out.add(id.getValue());
            }
            for (ContactPoint c : FHIR.newTerser().getAllPopulatedChildElementsOfType(r, ContactPoint.class)) {
                out.add(c.getValue());
            }
            for (Address a : FHIR.newTerser().getAllPopulatedChildElementsOfType(r, Address.class)) {
                a.getLine().forEach(l -> out.add(l.getValue()));
                out.add(a.getCity());
                out.add(a.getPostalCode());
            }
            for (Reference ref : FHIR.newTerser().getAllPopulatedChildElementsOfType(r, Reference.class)) {
                String target = String.valueOf(ref.getReference());
                if (target.matches("(Practitioner|Organization|Location).*") || target.equals(patientUrl(bundle))) {
                    out.add(ref.getDisplay());
                }
            }
            if (r instanceof Patient p) {
                for (Extension x : p.getExtension()) {
                    if (x.getValue() instanceof StringType s) {
                        out.add(s.getValue());
                    }
                }
            }
        }
        out.remove(null);
        out.removeIf(s -> s.length() < 4 || s.matches("0+"));
        return out;
    }

    static String patientUrl(Bundle bundle) {
        return bundle.getEntry().stream().filter(e -> e.getResource() instanceof Patient).findFirst().orElseThrow()
                .getFullUrl();
    }

    @Test
    void syntheaFixtures_keepNoNameIdentifierAddressPhoneOrOriginalId() {
        for (String fixture : Fixtures.syntheaBundles()) {
            String out = text(deidentify(deal("deal-1", 1), fixture));
            Set<String> secrets = identifyingStrings(fixture);
            assertThat(secrets).as(fixture).hasSizeGreaterThan(20);
            for (String secret : secrets) {
                assertThat(out).as(fixture + " leaks " + secret).doesNotContainIgnoringCase(secret);
            }
            assertThat(out).doesNotContain("\"identifier\"", "\"telecom\"", "\"name\"", "\"text\"", "\"note\"",
                    "\"div\"", "\"display\":\"Dr.", "\"line\"", "\"city\"", "\"postalCode\"", "\"data\"",
                    "\"serialNumber\"", "\"lotNumber\"", "mothersMaidenName", "birthPlace");
        }
    }

    @Test
    void datesOfAPatient_allMoveByTheSameDays_soIntervalsArePreserved() {
        Set<Long> shifts = new HashSet<>();
        for (String fixture : Fixtures.syntheaBundles()) {
            DealKey deal = deal("deal-1", 1);
            Map<String, byte[]> out = new HashMap<>();
            deidentify(deal, fixture).resources().forEach(r -> out.put(r.resourceType() + "/" + r.id(), r.json()));
            Pseudonyms pseudonyms = new Pseudonyms(deal);
            String patientId = null;
            Set<Long> days = new HashSet<>();
            int dates = 0;
            for (ParsedResource in : StoredFixtures.records(fixture)) {
                if (in.resourceType().equals("Patient")) {
                    patientId = in.fhirId();
                }
                String key = in.resourceType() + "/" + pseudonyms.id(in.resourceType(), in.fhirId());
                List<BaseDateTimeType> before = dates(parseStrict(in.json()));
                List<BaseDateTimeType> after = dates(parseStrict(out.get(key)));
                assertThat(after).as(key).hasSameSizeAs(before);
                for (int i = 0; i < before.size(); i++) {
                    long delta = after.get(i).getValue().getTime() - before.get(i).getValue().getTime();
                    assertThat(delta % 86_400_000L).as("whole days").isZero();
                    days.add(delta / 86_400_000L);
                    dates++;
                }
            }
            assertThat(dates).isGreaterThan(100);
            assertThat(days).as(fixture).hasSize(1);
            long shift = days.iterator().next();
            assertThat(shift).isBetween(-182L, 182L).isEqualTo(pseudonyms.shiftDays(patientId));
            shifts.add(shift);
        }
        assertThat(shifts).as("patients get different shifts").hasSizeGreaterThan(5);
    }

    static List<BaseDateTimeType> dates(Resource r) {
        List<BaseDateTimeType> out = new ArrayList<>(
                FHIR.newTerser().getAllPopulatedChildElementsOfType(r, BaseDateTimeType.class));
        out.removeIf(d -> d.getValue() == null);
        return out;
    }

    @Test
    void pseudonyms_areStableWithinADeal_andDifferAcrossDeals() {
        String fixture = Fixtures.syntheaBundles().get(0);
        DeidentifiedPatient first = deidentify(deal("deal-1", 1), fixture);
        DeidentifiedPatient again = deidentify(deal("deal-1", 1), fixture);
        DeidentifiedPatient other = deidentify(deal("deal-2", 2), fixture);
        assertThat(text(again)).isEqualTo(text(first));
        assertThat(first.patientId()).isNotEqualTo(other.patientId());
        Set<String> ids = first.resources().stream().map(DeidentifiedResource::id).collect(Collectors.toSet());
        Set<String> otherIds = other.resources().stream().map(DeidentifiedResource::id).collect(Collectors.toSet());
        assertThat(ids).hasSize(first.resources().size()).doesNotContainAnyElementsOf(otherIds);
        assertThat(text(other)).doesNotContain(first.patientId());
    }

    @Test
    void theSameSecretUnderAnotherDealId_givesOtherPseudonyms() {
        String fixture = Fixtures.syntheaBundles().get(0);
        assertThat(deidentify(deal("deal-1", 1), fixture).patientId())
                .isNotEqualTo(deidentify(deal("deal-9", 1), fixture).patientId());
    }

    @Test
    void everyOutput_parsesStrictly_andEveryReferenceResolvesInsideIt() {
        for (String fixture : Fixtures.syntheaBundles()) {
            DeidentifiedPatient p = deidentify(deal("deal-1", 1), fixture);
            assertThat(p.resources().get(0).resourceType()).isEqualTo("Patient");
            assertThat(p.resources().get(0).id()).isEqualTo(p.patientId());
            assertReferencesResolve(p.resources());
        }
    }

    static void assertReferencesResolve(List<DeidentifiedResource> resources) {
        Set<String> ids = resources.stream().map(r -> r.resourceType() + "/" + r.id()).collect(Collectors.toSet());
        for (DeidentifiedResource r : resources) {
            Resource parsed = parseStrict(r.json());
            assertThat(parsed.fhirType()).isEqualTo(r.resourceType());
            assertThat(parsed.getIdElement().getIdPart()).isEqualTo(r.id());
            Set<String> contained = parsed instanceof DomainResource dr
                    ? dr.getContained().stream().map(c -> "#" + c.getIdElement().getIdPart())
                            .collect(Collectors.toSet())
                    : Set.of();
            for (Reference ref : FHIR.newTerser().getAllPopulatedChildElementsOfType(parsed, Reference.class)) {
                if (ref.hasReference()) {
                    String s = ref.getReference();
                    assertThat(ids.contains(s) || contained.contains(s)).as(r.resourceType() + " -> " + s).isTrue();
                }
            }
        }
    }

    @Test
    void patientAged90OrOver_losesTheBirthDate_andIsMarked90Plus() {
        byte[] old = patient("p-old", "1931-06-01", null);
        DeidentifiedPatient out = DEIDENTIFIER.deidentify(deal("deal-1", 1), List.of(old)).orElseThrow();
        Patient p = (Patient) parseStrict(out.resources().get(0).json());
        assertThat(p.hasBirthDate()).isFalse();
        assertThat(p.getExtensionByUrl(Deidentifier.AGE_90_OR_OLDER).getValue().primitiveValue()).isEqualTo("true");
    }

    @Test
    void patientWhoDiedBefore90_keepsAShiftedBirthDate() {
        byte[] died = patient("p-died", "1921-06-01", "2000-01-01T00:00:00Z");
        DeidentifiedPatient out = DEIDENTIFIER.deidentify(deal("deal-1", 1), List.of(died)).orElseThrow();
        Patient p = (Patient) parseStrict(out.resources().get(0).json());
        assertThat(p.hasBirthDate()).isTrue();
        assertThat(p.getBirthDateElement().getValueAsString()).isNotEqualTo("1921-06-01");
        assertThat(p.getExtensionByUrl(Deidentifier.AGE_90_OR_OLDER)).isNull();
    }

    static byte[] patient(String id, String birthDate, String deceased) {
        return ("{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"name\":[{\"family\":\"Oldname\"}],"
                + "\"birthDate\":\"" + birthDate + "\""
                + (deceased == null ? "" : ",\"deceasedDateTime\":\"" + deceased + "\"") + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void withoutThePatientResource_thePatientIdIsNeeded_andAStubKeepsReferencesResolving() {
        String fixture = Fixtures.syntheaBundles().get(0);
        List<ParsedResource> records = StoredFixtures.records(fixture);
        String patientId = records.stream().filter(r -> r.resourceType().equals("Patient")).findFirst()
                .orElseThrow().fhirId();
        List<byte[]> conditions = records.stream().filter(r -> r.resourceType().equals("Condition"))
                .map(ParsedResource::json).toList();
        Result<DeidentifiedPatient> anonymous = DEIDENTIFIER.deidentify(deal("deal-1", 1), conditions);
        assertThat(anonymous.isOk()).isFalse();
        assertThat(anonymous.failure().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        DeidentifiedPatient out = DEIDENTIFIER.deidentify(deal("deal-1", 1), patientId, conditions).orElseThrow();
        assertThat(out.patientId()).isEqualTo(deidentify(deal("deal-1", 1), fixture).patientId());
        assertThat(new String(out.resources().get(0).json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"resourceType\":\"Patient\",\"id\":\"" + out.patientId() + "\"}");
        assertReferencesResolve(out.resources());
        assertThat(text(out)).as("encounters were not delivered").doesNotContain("Encounter/");
    }

    @Test
    void aStoredResourceWithoutId_isDeliveredUnderAPseudonym_insteadOfFailingTheDelivery() {
        byte[] obs = ("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"subject\":{\"reference\":\"Patient/p\"}}").getBytes(StandardCharsets.UTF_8);
        DeidentifiedPatient out = DEIDENTIFIER.deidentify(deal("deal-1", 1), "p", List.of(obs, obs)).orElseThrow();
        assertThat(out.resources()).hasSize(3);
        assertThat(text(out)).doesNotContain("salus-unnamed");
        assertReferencesResolve(out.resources());
    }

    @Test
    void aResourceThatIsNotFhir_failsWithInvalidFhir() {
        Result<DeidentifiedPatient> r = DEIDENTIFIER.deidentify(deal("deal-1", 1), "p",
                List.of("{\"resourceType\":\"Nonsense\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.isOk()).isFalse();
        assertThat(r.failure().code()).isEqualTo(ErrorCode.INVALID_FHIR);
    }

    @Test
    void containedResources_areRenamed_andScrubbed() {
        String eob = "{\"resourceType\":\"ExplanationOfBenefit\",\"id\":\"e1\",\"contained\":[{\"resourceType\":"
                + "\"Practitioner\",\"id\":\"dr-jones\",\"name\":[{\"family\":\"Jones\"}],\"telecom\":[{\"value\":"
                + "\"555-0100\"}]}],\"status\":\"active\",\"patient\":{\"reference\":\"Patient/p1\"},"
                + "\"provider\":{\"reference\":\"#dr-jones\",\"display\":\"Dr Jones\"}}";
        DeidentifiedPatient out = DEIDENTIFIER.deidentify(deal("deal-1", 1), "p1",
                List.of(eob.getBytes(StandardCharsets.UTF_8))).orElseThrow();
        String text = text(out);
        assertThat(text).doesNotContain("Jones", "555-0100", "dr-jones").contains("\"reference\":\"#c0\"");
        assertReferencesResolve(out.resources());
    }
}
