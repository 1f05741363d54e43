package io.salus.core.claims;

/**
 * Why adjudication refuses a claim or one of its items; {@link #code} is the ClaimResponse's adjudication reason code
 * (CodeSystem {@link #SYSTEM}). Never rename a code.
 */
public enum ClaimReason {
    PROVIDER_UNLICENSED("provider-unlicensed", "the provider holds no presented, valid licence of its kind"),
    EVIDENCE_MISSING("evidence-missing", "the claim cites no evidence, or a record the patient does not hold"),
    EVIDENCE_NOT_CONSENTED("evidence-not-consented",
            "the patient has not consented that the insurer may see the evidence for payment (HPAYMT)"),
    COVERAGE_INACTIVE("coverage-inactive", "the coverage is not active on the service date"),
    SERVICE_NOT_COVERED("service-not-covered", "the coverage does not cover the service"),
    AMOUNT_OVER_LIMIT("amount-over-limit", "the amount exceeds what the coverage has left for the service");

    public static final String SYSTEM = "https://salus.example/fhir/CodeSystem/claim-reason";
    private final String code;
    private final String text;

    ClaimReason(String code, String text) {
        this.code = code;
        this.text = text;
    }

    public String code() {
        return code;
    }

    public String text() {
        return text;
    }
}
