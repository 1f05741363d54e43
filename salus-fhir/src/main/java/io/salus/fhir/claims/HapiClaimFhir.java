package io.salus.fhir.claims;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import io.salus.core.claims.Adjudication;
import io.salus.core.claims.ClaimLine;
import io.salus.core.claims.CoveragePlan;
import io.salus.core.claims.SubmittedClaim;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.ClaimFhir;
import io.salus.core.record.RecordId;
import io.salus.fhir.internal.CodedIssue;
import io.salus.fhir.internal.CollectingErrorHandler;
import io.salus.fhir.internal.Texts;
import io.salus.fhir.validation.R4Validator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Reference;

/**
 * Claims in FHIR R4 (docs/care.md). A Claim is parsed strictly by HAPI, must be a {@code Claim} and valid R4
 * ({@link R4Validator}), and is then held to this node's rules: references by Salus id ({@code Patient/<id>},
 * {@code Practitioner/<id>} or {@code Organization/<id>}, {@code Coverage/<id>}), exactly one insurance, 1-50 items
 * each with a service code, a {@code servicedDate} and a {@code net} amount in payment tokens (at most 6 decimals,
 * more than 0, at most {@link CoveragePlan#MAX_AMOUNT} units), a {@code total}, if given, equal to their sum, and at
 * most 50 evidence references ({@code supportingInfo.valueReference.identifier} in {@link #RECORD_SYSTEM}). The
 * ClaimResponse it writes is valid R4. Thread-safe.
 */
public final class HapiClaimFhir implements ClaimFhir {
    public static final String RECORD_SYSTEM = "https://salus.example/fhir/record-id";
    public static final String SERVICE_SYSTEM = "https://salus.example/fhir/CodeSystem/service";
    /** A Claim larger than this is refused unread. */
    public static final int MAX_BYTES = 256 * 1024;
    private final FhirContext fhir;
    private final R4Validator validator;

    public HapiClaimFhir(FhirContext fhir, R4Validator validator) {
        this.fhir = fhir;
        this.validator = validator;
    }

    @Override
    public Result<SubmittedClaim> parse(byte[] json) {
        if (json == null || json.length == 0) {
            return Result.fail(ErrorCode.INVALID_JSON, "the body is empty");
        }
        if (json.length > MAX_BYTES) {
            return Result.fail(ErrorCode.BODY_TOO_LARGE, "a Claim has at most " + MAX_BYTES + " bytes");
        }
        try {
            return Texts.utf8(json).flatMap(this::claim)
                    .flatMap(c -> validator.validate(c.text()).flatMap(v -> read(c)));
        } catch (RuntimeException | StackOverflowError e) {
            return Result.fail(ErrorCode.INVALID_FHIR, "the Claim could not be read: " + Texts.abbreviate(
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private record Parsed(String text, Claim claim, IParser parser) {
    }

    private Result<Parsed> claim(String text) {
        IParser parser = fhir.newJsonParser();
        CollectingErrorHandler errors = new CollectingErrorHandler();
        parser.setParserErrorHandler(errors);
        IBaseResource r;
        try {
            r = parser.parseResource(text);
        } catch (DataFormatException e) {
            return Result.fail(ErrorCode.INVALID_FHIR, "invalid FHIR: " + Texts.abbreviate(e.getMessage()));
        }
        if (!errors.issues().isEmpty()) {
            return CodedIssue.toFailure(errors.issues()).asResult();
        }
        if (!(r instanceof Claim c)) {
            return Result.fail(ErrorCode.CLAIM_INVALID, "the body is a " + r.fhirType() + ", not a Claim");
        }
        return Result.ok(new Parsed(text, c, parser));
    }

    private Result<SubmittedClaim> read(Parsed p) {
        Claim c = p.claim();
        Optional<String> patient = id(c.getPatient(), "Patient");
        Optional<String> provider = id(c.getProvider(), "Practitioner").or(() -> id(c.getProvider(), "Organization"));
        if (patient.isEmpty() || provider.isEmpty()) {
            return invalid("Claim.patient is Patient/<id> and Claim.provider Practitioner/<id> or Organization/<id>");
        }
        Optional<String> payee = Optional.empty();
        if (c.getPayee().hasParty()) {
            payee = id(c.getPayee().getParty(), "Practitioner").or(() -> id(c.getPayee().getParty(), "Organization"));
            if (payee.isEmpty()) {
                return Result.fail(ErrorCode.CLAIM_PAYEE_NOT_PROVIDER, "Claim.payee.party names no provider");
            }
        }
        if (c.getInsurance().size() != 1) {
            return invalid("a Claim has exactly one insurance");
        }
        Optional<UUID> coverage = id(c.getInsuranceFirstRep().getCoverage(), "Coverage").flatMap(HapiClaimFhir::uuid);
        if (coverage.isEmpty()) {
            return invalid("Claim.insurance.coverage is Coverage/<id>");
        }
        if (c.getItem().isEmpty() || c.getItem().size() > SubmittedClaim.MAX_LINES) {
            return invalid("a Claim has 1 to " + SubmittedClaim.MAX_LINES + " items");
        }
        List<ClaimLine> lines = new ArrayList<>();
        for (Claim.ItemComponent i : c.getItem()) {
            Result<ClaimLine> line = line(i);
            if (!line.isOk()) {
                return line.propagate();
            }
            lines.add(line.orElseThrow());
        }
        if (c.hasTotal() && units(c.getTotal().getValue()).filter(t -> t == lines.stream()
                .mapToLong(ClaimLine::amount).sum()).isEmpty()) {
            return invalid("Claim.total is not the sum of the items' net amounts");
        }
        if (c.getSupportingInfo().size() > SubmittedClaim.MAX_EVIDENCE) {
            return invalid("at most " + SubmittedClaim.MAX_EVIDENCE + " supportingInfo");
        }
        List<RecordId> evidence = new ArrayList<>();
        for (Claim.SupportingInformationComponent s : c.getSupportingInfo()) {
            if (s.hasValueReference() && RECORD_SYSTEM.equals(s.getValueReference().getIdentifier().getSystem())) {
                Optional<RecordId> r = RecordId.parse(s.getValueReference().getIdentifier().getValue());
                if (r.isEmpty()) {
                    return invalid("an evidence reference is not a record id");
                }
                evidence.add(r.get());
            }
        }
        byte[] canonical = p.parser().encodeResourceToString(c).getBytes(StandardCharsets.UTF_8);
        return Result.ok(new SubmittedClaim(patient.get(), provider.get(), payee, coverage.get(), lines, evidence,
                canonical));
    }

    private static Result<ClaimLine> line(Claim.ItemComponent i) {
        String service = i.getProductOrService().getCodingFirstRep().getCode();
        if (service == null || service.isBlank() || !i.hasServicedDateType() || !i.hasNet()) {
            return invalid("each item has productOrService.coding.code, servicedDate and net");
        }
        Optional<Long> amount = units(i.getNet().getValue()).filter(a -> a > 0 && a <= CoveragePlan.MAX_AMOUNT);
        if (amount.isEmpty()) {
            return invalid("item " + i.getSequence() + ": net is more than 0, at most " + CoveragePlan.MAX_AMOUNT
                    + " units, with at most 6 decimals");
        }
        LocalDate day = i.getServicedDateType().getValue().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        return Result.ok(new ClaimLine(i.getSequence(), service, day, amount.get()));
    }

    /** Payment-token units (6 decimals) of a decimal amount, if exact and within a long. */
    static Optional<Long> units(BigDecimal tokens) {
        if (tokens == null || tokens.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000)) > 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(tokens.movePointRight(6).longValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> id(Reference r, String type) {
        String ref = r == null ? null : r.getReference();
        if (ref == null || !ref.startsWith(type + "/")) {
            return Optional.empty();
        }
        return uuid(ref.substring(type.length() + 1)).map(UUID::toString);
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static <T> Result<T> invalid(String detail) {
        return Failure.of(ErrorCode.CLAIM_INVALID, detail).asResult();
    }

    @Override
    public byte[] response(UUID claimId, SubmittedClaim claim, String insurer, Adjudication a, Instant at) {
        return ClaimResponses.of(claimId, claim, insurer, a, at, fhir);
    }
}
