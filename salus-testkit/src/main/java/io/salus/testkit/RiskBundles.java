package io.salus.testkit;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A patient whose records give the inputs of the Pooled Cohort Equations' worked example (Goff et al. 2013, Table A:
 * a white woman of 55, total cholesterol 213 mg/dL, HDL 50 mg/dL, untreated systolic 120 mm Hg, non-smoker, no
 * diabetes; 10-year risk 2.1 %) and of CHA2DS2-VASc (1 point: female, no condition it counts), plus BMI and waist but
 * none of FINDRISC's questionnaire answers. The problem list holds sinusitis only, the medication list amoxicillin
 * only. Each resource has its own id. Thread-safe (stateless).
 */
public final class RiskBundles {
    private RiskBundles() {
    }

    /** The collection Bundle; the patient is 55 on {@code today}. */
    public static byte[] workedExample(String identifier, LocalDate today) {
        String p = "urn:uuid:" + UUID.randomUUID();
        String json = """
                {"resourceType":"Bundle","type":"collection","entry":[
                {"fullUrl":"%1$s","resource":{"resourceType":"Patient","id":"%3$s",
                 "extension":[{"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-race","extension":[
                  {"url":"ombCategory","valueCoding":{"system":"urn:oid:2.16.840.1.113883.6.238","code":"2106-3",
                   "display":"White"}},{"url":"text","valueString":"White"}]}],
                 "identifier":[{"system":"urn:salus:test","value":"%2$s"}],
                 "name":[{"family":"Risk","given":["Alex"]}],"gender":"female","birthDate":"%4$s"}},
                %5$s,%6$s,%7$s,%8$s,%9$s,%10$s,%11$s,%12$s,%13$s]}""".formatted(p, identifier, UUID.randomUUID(),
                today.minusYears(55).minusDays(1),
                resource("""
                        "resourceType":"Condition","clinicalStatus":{"coding":[{"system":
                        "http://terminology.hl7.org/CodeSystem/condition-clinical","code":"resolved"}]},
                        "code":{"coding":[{"system":"http://snomed.info/sct","code":"36971009","display":"Sinusitis"}]},
                        "subject":{"reference":"%s"}""".formatted(p)),
                resource("""
                        "resourceType":"MedicationRequest","status":"stopped","intent":"order",
                        "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                        "code":"308182","display":"Amoxicillin 250 MG Oral Capsule"}]},"subject":{"reference":"%s"},
                        "authoredOn":"2025-01-10\"""".formatted(p)),
                quantity(p, "laboratory", "2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", 213, "mg/dL"),
                quantity(p, "laboratory", "2085-9", "HDL Cholesterol", 50, "mg/dL"),
                quantity(p, "laboratory", "2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", 260, "mg/dL")
                        .replace("2025-11-01", "2023-05-01"),
                quantity(p, "vital-signs", "39156-5", "Body mass index (BMI) [Ratio]", 24.3, "kg/m2"),
                quantity(p, "vital-signs", "8280-0", "Waist Circumference at umbilicus by Tape measure", 79, "cm"),
                resource(
                        """
                                "resourceType":"Observation","status":"final","category":[{"coding":[{"system":
                                "http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                                "code":{"coding":[{"system":"http://loinc.org","code":"85354-9","display":"Blood pressure panel"}]},
                                "subject":{"reference":"%s"},"effectiveDateTime":"2025-11-01T09:00:00Z","component":[
                                {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6","display":"Systolic"}]},
                                 "valueQuantity":{"value":120,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
                                {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4","display":"Diastolic"}]},
                                 "valueQuantity":{"value":78,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}}
                                ]"""
                                .formatted(p)),
                resource(
                        """
                                "resourceType":"Observation","status":"final","category":[{"coding":[{"system":
                                "http://terminology.hl7.org/CodeSystem/observation-category","code":"social-history"}]}],
                                "code":{"coding":[{"system":"http://loinc.org","code":"72166-2","display":"Tobacco smoking status"}]},
                                "subject":{"reference":"%s"},"effectiveDateTime":"2025-11-01T09:00:00Z",
                                "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"266919005",
                                "display":"Never smoked tobacco"}]}"""
                                .formatted(p)));
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String body) {
        return "{\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":{\"id\":\"" + UUID.randomUUID()
                + "\"," + body + "}}";
    }

    private static String quantity(String p, String category, String loinc, String display, double value,
            String unit) {
        return resource("""
                "resourceType":"Observation","status":"final","category":[{"coding":[{"system":
                "http://terminology.hl7.org/CodeSystem/observation-category","code":"%s"}]}],
                "code":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}]},
                "subject":{"reference":"%s"},"effectiveDateTime":"2025-11-01T09:00:00Z",
                "valueQuantity":{"value":%s,"unit":"%s","system":"http://unitsofmeasure.org","code":"%s"}"""
                .formatted(category, loinc, display, p, value, unit, unit));
    }
}
