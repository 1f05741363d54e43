package io.salus.testkit;

import java.nio.charset.StandardCharsets;

/**
 * A patient whose records hold everything an emergency profile shows and what it must leave out: an emergency
 * contact, an active allergy (penicillin) and a resolved one (latex), an active medication (warfarin) and a stopped
 * one (amoxicillin), an active condition (atrial fibrillation) and a resolved one (sinusitis), a blood group
 * (A Rh+, LOINC 882-1) and an unrelated laboratory result (glucose). Thread-safe (stateless).
 */
public final class EmergencyBundles {
    private EmergencyBundles() {
    }

    public static byte[] patient(String identifier) {
        String p = "urn:uuid:" + java.util.UUID.randomUUID();
        String json = """
                {"resourceType":"Bundle","type":"collection","entry":[
                {"fullUrl":"%1$s","resource":{"resourceType":"Patient",
                 "identifier":[{"system":"urn:salus:test","value":"%2$s"}],
                 "name":[{"family":"Ward","given":["Robin"]}],"gender":"female","birthDate":"1961-04-02",
                 "contact":[{"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0131",
                   "code":"C","display":"Emergency Contact"}]}],"name":{"family":"Ward","given":["Sam"]},
                   "telecom":[{"system":"phone","value":"+44 20 7946 0001"}]}]}},
                %3$s,%4$s,%5$s,%6$s,%7$s,%8$s,%9$s,%10$s]}""".formatted(p, identifier,
                allergy(p, "active", "764146007", "Penicillin"), allergy(p, "resolved", "111088007", "Latex"),
                medication(p, "active", "855332", "Warfarin Sodium 5 MG Oral Tablet"),
                medication(p, "stopped", "308182", "Amoxicillin 250 MG Oral Capsule"),
                condition(p, "active", "49436004", "Atrial fibrillation"),
                condition(p, "resolved", "36971009", "Sinusitis"),
                lab(p, "882-1", "ABO and Rh group [Type] in Blood",
                        "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                                + "\"code\":\"278149003\",\"display\":\"Blood group A Rh(D) positive\"}]}"),
                lab(p, "2339-0", "Glucose [Mass/volume] in Blood", "\"valueQuantity\":{\"value\":97,"
                        + "\"unit\":\"mg/dL\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mg/dL\"}"));
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String entry(String resource) {
        return "{\"fullUrl\":\"urn:uuid:" + java.util.UUID.randomUUID() + "\",\"resource\":" + resource + "}";
    }

    private static String allergy(String p, String status, String code, String display) {
        return entry("""
                {"resourceType":"AllergyIntolerance","clinicalStatus":{"coding":[{"system":
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"%s"}]},
                "verificationStatus":{"coding":[{"system":
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification","code":"confirmed"}]},
                "code":{"coding":[{"system":"http://snomed.info/sct","code":"%s","display":"%s"}]},
                "patient":{"reference":"%s"}}""".formatted(status, code, display, p));
    }

    private static String medication(String p, String status, String code, String display) {
        return entry("""
                {"resourceType":"MedicationRequest","status":"%s","intent":"order","medicationCodeableConcept":
                {"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"%s","display":"%s"}]},
                "subject":{"reference":"%s"},"authoredOn":"2025-01-10"}""".formatted(status, code, display, p));
    }

    private static String condition(String p, String status, String code, String display) {
        return entry("""
                {"resourceType":"Condition","clinicalStatus":{"coding":[{"system":
                "http://terminology.hl7.org/CodeSystem/condition-clinical","code":"%s"}]},
                "code":{"coding":[{"system":"http://snomed.info/sct","code":"%s","display":"%s"}]},
                "subject":{"reference":"%s"}}""".formatted(status, code, display, p));
    }

    private static String lab(String p, String loinc, String display, String value) {
        return entry("""
                {"resourceType":"Observation","status":"final","category":[{"coding":[{"system":
                "http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
                "code":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}]},
                "subject":{"reference":"%s"},"effectiveDateTime":"2024-03-01T09:00:00Z",%s}"""
                .formatted(loinc, display, p, value));
    }
}
