package io.salus.fhir.claims;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.account.AccountId;
import io.salus.core.claims.Adjudication;
import io.salus.core.claims.ClaimFacts;
import io.salus.core.claims.ClaimRules;
import io.salus.core.claims.CoveragePlan;
import io.salus.core.claims.SubmittedClaim;
import io.salus.core.consent.Decision;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.record.RecordId;
import io.salus.fhir.validation.R4Validator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A provider's Claim read strictly (and hostile ones refused); the node's ClaimResponse valid FHIR R4. */
class HapiClaimFhirTest {
    static final FhirContext R4 = FhirContext.forR4Cached();
    static final R4Validator VALIDATOR = new R4Validator(R4);
    static final HapiClaimFhir FHIR = new HapiClaimFhir(R4, VALIDATOR);
    final String patient = UUID.randomUUID().toString();
    final String provider = UUID.randomUUID().toString();
    final String coverage = UUID.randomUUID().toString();
    final String record = UUID.randomUUID().toString();

    ClaimForm form(BigDecimal amount) {
        return new ClaimForm(patient, "Practitioner", provider, coverage, Optional.of(provider),
                List.of(new ClaimForm.Item("99213", LocalDate.of(2026, 3, 4), amount)), List.of(record));
    }

    Result<SubmittedClaim> parse(String json) {
        return FHIR.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void validClaim_isReadWithItsReferencesItemsAndEvidence() {
        SubmittedClaim c = parse(form(new BigDecimal("120.50")).json()).orElseThrow();
        assertThat(c.patientRef()).isEqualTo(patient);
        assertThat(c.providerRef()).isEqualTo(provider);
        assertThat(c.payeeRef()).contains(provider);
        assertThat(c.coverage()).hasToString(coverage);
        assertThat(c.lines()).singleElement().satisfies(l -> {
            assertThat(l.service()).isEqualTo("99213");
            assertThat(l.amount()).isEqualTo(120_500_000L);
            assertThat(l.servedOn()).isEqualTo(LocalDate.of(2026, 3, 4));
        });
        assertThat(c.evidence()).containsExactly(RecordId.parse(record).orElseThrow());
    }

    @Test
    void claimResponse_isValidR4_forAnApprovalAndARefusal() {
        SubmittedClaim c = parse(form(new BigDecimal("120.50")).json()).orElseThrow();
        CoveragePlan plan = new CoveragePlan(c.coverage(), AccountId.random(), AccountId.random(),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Map.of("99213", 200_000_000L));
        ClaimFacts.Evidence ok = new ClaimFacts.Evidence(c.evidence().get(0), Optional.of(Decision.permitByGrant(1,
                "g")));
        for (boolean licensed : List.of(true, false)) {
            Adjudication a = ClaimRules.adjudicate(c.lines(), new ClaimFacts(plan, licensed, List.of(ok), Map.of()));
            String json = new String(FHIR.response(UUID.randomUUID(), c, UUID.randomUUID().toString(), a,
                    Instant.parse("2026-03-05T10:00:00Z")), StandardCharsets.UTF_8);
            assertThat(VALIDATOR.validate(json).isOk()).as(json).isTrue();
            assertThat(json).contains(licensed ? "Approved: 120.5 payment tokens" : "provider-unlicensed");
        }
    }

    @Test
    void malformedJson_isRefused() {
        assertThat(parse("{\"resourceType\": \"Claim\", ").failure().code()).isIn(ErrorCode.INVALID_FHIR,
                ErrorCode.INVALID_JSON);
        assertThat(FHIR.parse(new byte[0]).failure().code()).isEqualTo(ErrorCode.INVALID_JSON);
        assertThat(FHIR.parse(new byte[]{(byte) 0xC3, (byte) 0x28}).failure().code())
                .isEqualTo(ErrorCode.INVALID_JSON);
    }

    @Test
    void anotherResourceType_isRefused() {
        String patientJson = "{\"resourceType\":\"Patient\",\"id\":\"x\"}";
        assertThat(parse(patientJson).failure().code()).isEqualTo(ErrorCode.CLAIM_INVALID);
    }

    @Test
    void negativeZeroHugeOrOverPreciseAmounts_areRefused() {
        for (String amount : List.of("-5", "0", "1000000000000", "99999999999999999999999", "1.0000001")) {
            assertThat(parse(form(new BigDecimal(amount)).json()).failure().code()).as(amount)
                    .isEqualTo(ErrorCode.CLAIM_INVALID);
        }
    }

    @Test
    void claimBreakingR4_isRefusedWithItsIssues() {
        String json = form(BigDecimal.TEN).json().replace("\"status\":\"active\",", "");
        Result<SubmittedClaim> r = parse(json);
        assertThat(r.failure().code()).isEqualTo(ErrorCode.INVALID_FHIR);
        assertThat(r.failure().issues()).isNotEmpty();
    }

    @Test
    void referencesOutsideTheNodesRules_areRefused() {
        String other = form(BigDecimal.TEN).json().replace("Coverage/" + coverage, "Coverage/not-a-uuid");
        assertThat(parse(other).failure().code()).isEqualTo(ErrorCode.CLAIM_INVALID);
        String totalWrong = form(BigDecimal.TEN).json().replaceFirst("\"item\":",
                "\"total\":{\"value\":11},\"item\":");
        assertThat(parse(totalWrong).failure().code()).isEqualTo(ErrorCode.CLAIM_INVALID);
    }
}
