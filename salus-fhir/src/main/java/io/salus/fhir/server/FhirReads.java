package io.salus.fhir.server;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.record.Category;
import io.salus.core.record.RecordId;
import io.salus.core.smart.SmartScope.Interaction;
import io.salus.core.usecase.consent.RecordRelease;
import io.salus.core.usecase.scores.RiskAssessmentReads;
import io.salus.fhir.risk.KeptRiskAssessment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads and searches for one resource type over one patient's records: the caller's scopes are checked, the patient
 * is named (or is the caller), the records of the type's categories are released by {@link RecordRelease} (the
 * owner's key, or the decision point with audit and chain log), served ({@link ServedResources}) and only then
 * matched against the search parameters ({@link SearchMatcher}), so totals and pages count only what the caller may
 * see. {@code RiskAssessment}s are the patient's kept risk scores, released by {@link RiskAssessmentReads}. Thread-safe.
 */
final class FhirReads {
    /** Served from the patient's kept risk scores, not from records. */
    static final String RISK_ASSESSMENT = "RiskAssessment";
    private final RecordRelease release;
    private final ServedResources served;
    private final SearchMatcher matcher;
    private final RiskAssessmentReads risks;

    FhirReads(RecordRelease release, ServedResources served, SearchMatcher matcher, RiskAssessmentReads risks) {
        this.risks = risks;
        this.release = release;
        this.served = served;
        this.matcher = matcher;
    }

    /**
     * A search's matches and includes, and what binds its later pages to the release: the patient, the categories
     * the served resources fall into (decided again for every later page) and the purpose.
     */
    record Found(String type, List<Resource> matches, List<Resource> included, AccountId patient,
            Set<Category> categories, Purpose purpose) {
    }

    Resource read(FhirCaller caller, String type, String id) {
        requireScope(caller, type, Interaction.READ);
        if ("Patient".equals(type)) {
            AccountId patient = AccountId.parse(id).orElseThrow(() -> notFound(type, id));
            requirePatient(caller, patient);
            return released(caller, patient, type, EnumSet.of(Category.DEMOGRAPHICS)).stream().findFirst()
                    .map(ServedResources.Served::resource).orElseThrow(() -> notFound(type, id));
        }
        Purpose purpose = caller.account().kind() == AccountKind.PATIENT
                ? caller.purpose().orElse(Purpose.PATRQT)
                : purposeFor(caller, null);
        if (RISK_ASSESSMENT.equals(type)) {
            UUID score = parseUuid(id).orElseThrow(() -> notFound(type, id));
            RiskAssessmentReads.Kept k = Outcomes.orThrow(risks.find(caller.account(), score, purpose, caller
                    .scopes().isPresent()));
            return KeptRiskAssessment.of(k.patient(), k.point());
        }
        RecordId rid = RecordId.parse(id).orElseThrow(() -> notFound(type, id));
        RecordRelease.Released r = Outcomes.orThrow(release.read(caller.account(), rid, purpose,
                caller.scopes().isPresent()));
        if (!r.records().get(0).summary().resourceType().equals(type)) {
            throw notFound(type, id);
        }
        return served.serve(r).get(0).resource();
    }

    Found search(FhirCaller caller, String type, SearchRequest q) {
        requireScope(caller, type, Interaction.SEARCH);
        for (String name : q.evaluated().keySet()) {
            if (matcher.param(type, name, kind(name)).isEmpty()) {
                throw Outcomes.of(ErrorCode.FHIR_SEARCH_UNSUPPORTED, type + " has no search parameter " + name);
            }
        }
        AccountId patient = patientOf(caller, type, q);
        requirePatient(caller, patient);
        Purpose purpose = purposeFor(caller, patient);
        if (RISK_ASSESSMENT.equals(type)) {
            return searchRisks(caller, patient, purpose, q);
        }
        Set<Category> categories = categories(type, q.category());
        List<ServedResources.Served> all = released(caller, patient, type, categories);
        List<Resource> matches = new ArrayList<>();
        Set<Category> released = EnumSet.noneOf(Category.class);
        for (ServedResources.Served s : all) {
            if (matches(s, q)) {
                matches.add(s.resource());
                released.add(s.summary().category());
            }
        }
        List<Resource> included = includes(caller, patient, type, q.includes(), matches);
        if (!included.isEmpty()) {
            released.add(Category.DEMOGRAPHICS);
        }
        return new Found(type, matches, included, patient, released, purpose);
    }

    /** The patient's kept risk scores, once {@link RiskAssessmentReads} lets the caller see them, then matched. */
    private Found searchRisks(FhirCaller caller, AccountId patient, Purpose purpose, SearchRequest q) {
        List<Resource> matches = new ArrayList<>();
        for (RiskAssessmentReads.Kept k : Outcomes.orThrow(risks.of(caller.account(), patient, purpose))) {
            Resource r = KeptRiskAssessment.of(k.patient(), k.point());
            if (matches(r, k.point().at(), q)) {
                matches.add(r);
            }
        }
        List<Resource> included = includes(caller, patient, RISK_ASSESSMENT, q.includes(), matches);
        return new Found(RISK_ASSESSMENT, matches, included, patient, RiskAssessmentReads.INPUT_CATEGORIES,
                purpose);
    }

    /**
     * Decides the categories again for a later page (audited); fails closed if any is no longer permitted (for risk
     * assessments, also if the delegation no longer includes VIEW_RECORDS).
     */
    void recheck(FhirCaller caller, Found f) {
        if (RISK_ASSESSMENT.equals(f.type())) {
            Outcomes.orThrow(risks.authorize(caller.account(), f.patient(), f.purpose()));
            return;
        }
        Outcomes.orThrow(release.recheck(caller.account(), f.patient(), f.categories(), f.purpose()));
    }

    private boolean matches(ServedResources.Served s, SearchRequest q) {
        return matches(s.resource(), s.summary().depositedAt(), q);
    }

    private boolean matches(Resource r, java.time.Instant lastUpdated, SearchRequest q) {
        if (q.lastUpdated() != null && !DateRanges.matchesInstant(q.lastUpdated(), lastUpdated)) {
            return false;
        }
        if (q.id() != null && !q.id().getValue().equals(r.getIdElement().getIdPart())) {
            return false;
        }
        for (Map.Entry<String, Object> e : q.evaluated().entrySet()) {
            boolean ok = e.getValue() instanceof TokenAndListParam t
                    ? matcher.tokens(r, e.getKey(), t)
                    : matcher.dates(r, e.getKey(), (ca.uhn.fhir.rest.param.DateRangeParam) e.getValue());
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code _include} of the patient ({@code :patient} or {@code :subject}): cheap, one Patient resource. */
    private List<Resource> includes(FhirCaller caller, AccountId patient, String type, Set<Include> includes,
            List<Resource> matches) {
        if (includes == null || includes.isEmpty() || matches.isEmpty() || "Patient".equals(type)) {
            return List.of();
        }
        for (Include i : includes) {
            String param = i.getParamName();
            boolean patientInclude = ("patient".equals(param) || "subject".equals(param))
                    && (i.getParamType() == null || "*".equals(i.getParamType()) || type.equals(i.getParamType()))
                    && (i.getParamTargetType() == null || "Patient".equals(i.getParamTargetType()));
            if (!patientInclude && !"*".equals(i.getValue())) {
                throw Outcomes.of(ErrorCode.FHIR_SEARCH_UNSUPPORTED, "_include=" + i.getValue()
                        + " is not supported (only " + type + ":patient, " + type + ":subject and *)");
            }
        }
        if (!caller.allows("Patient", Interaction.READ)) {
            return List.of();
        }
        var found = release.release(caller.account(), new RecordRelease.Query(patient, Set.of("Patient"),
                EnumSet.of(Category.DEMOGRAPHICS), purposeFor(caller, patient)));
        return found.isOk()
                ? served.serve(found.orElseThrow()).stream().limit(1).map(ServedResources.Served::resource).toList()
                : List.of();
    }

    private List<ServedResources.Served> released(FhirCaller caller, AccountId patient, String type,
            Set<Category> categories) {
        requirePatient(caller, patient);
        return served.serve(Outcomes.orThrow(release.release(caller.account(), new RecordRelease.Query(patient,
                Set.of(type), categories, purposeFor(caller, patient)))));
    }

    private AccountId patientOf(FhirCaller caller, String type, SearchRequest q) {
        Optional<AccountId> named = Optional.empty();
        for (ReferenceParam ref : new ReferenceParam[]{q.patient(), q.subject()}) {
            if (ref != null) {
                if (ref.getResourceType() != null && !"Patient".equals(ref.getResourceType())
                        || ref.getChain() != null) {
                    throw Outcomes.of(ErrorCode.FHIR_SEARCH_UNSUPPORTED, "only references to a Patient by id are "
                            + "supported");
                }
                AccountId id = AccountId.parse(ref.getIdPart()).orElseThrow(() -> Outcomes.of(
                        ErrorCode.ACCOUNT_NOT_FOUND, "no patient " + ref.getIdPart()));
                if (named.isPresent() && !named.get().equals(id)) {
                    throw Outcomes.of(ErrorCode.FHIR_SEARCH_UNSUPPORTED, "patient and subject name different patients");
                }
                named = Optional.of(id);
            }
        }
        if ("Patient".equals(type) && q.id() != null) {
            named = Optional.of(AccountId.parse(q.id().getValue()).orElseThrow(() -> Outcomes.of(
                    ErrorCode.ACCOUNT_NOT_FOUND, "no patient " + q.id().getValue())));
        }
        if (named.isEmpty() && caller.account().kind() == AccountKind.PATIENT) {
            named = Optional.of(caller.account().id());
        }
        return named.orElseThrow(() -> Outcomes.of(ErrorCode.FHIR_PATIENT_REQUIRED, "add patient=<id> (or subject)"));
    }

    /** A SMART app acts for its patient only. */
    private static void requirePatient(FhirCaller caller, AccountId patient) {
        if (caller.scopes().isPresent() && !caller.account().id().equals(patient)) {
            throw Outcomes.of(ErrorCode.SMART_SCOPE_INSUFFICIENT, "the access token is for another patient");
        }
    }

    private static void requireScope(FhirCaller caller, String type, Interaction i) {
        if (!caller.allows(type, i)) {
            throw Outcomes.of(ErrorCode.SMART_SCOPE_INSUFFICIENT, "the access token's scopes do not allow "
                    + i.name().toLowerCase(java.util.Locale.ROOT) + " of " + type);
        }
    }

    /** The owner needs no purpose; anyone else names one. */
    private static Purpose purposeFor(FhirCaller caller, AccountId patient) {
        if (caller.account().id().equals(patient)) {
            return caller.purpose().orElse(Purpose.PATRQT);
        }
        return caller.purpose().orElseThrow(() -> Outcomes.of(ErrorCode.INVALID_REQUEST, "name the purpose of use "
                + "in the header " + FhirAuthenticator.PURPOSE_HEADER + " (e.g. HRESCH, TREAT)"));
    }

    /** The categories a type's records fall into, narrowed for Observation by a {@code category} search. */
    static Set<Category> categories(String type, TokenAndListParam category) {
        if (!"Observation".equals(type)) {
            return Category.of(type, Set.of()).map(EnumSet::of).orElseGet(() -> EnumSet.noneOf(Category.class));
        }
        Set<Category> out = EnumSet.noneOf(Category.class);
        if (category != null && !category.getValuesAsQueryTokens().isEmpty()) {
            TokenOrListParam first = category.getValuesAsQueryTokens().get(0);
            for (TokenParam t : first.getValuesAsQueryTokens()) {
                if (t.getValue() == null || t.getValue().isEmpty()) {
                    return EnumSet.of(Category.LAB_RESULTS, Category.VITAL_SIGNS);
                }
                out.add(Category.of(type, Set.of(t.getValue())).orElseThrow());
            }
            return out;
        }
        return EnumSet.of(Category.LAB_RESULTS, Category.VITAL_SIGNS);
    }

    private static RestSearchParameterTypeEnum kind(String name) {
        return "date".equals(name) ? RestSearchParameterTypeEnum.DATE : RestSearchParameterTypeEnum.TOKEN;
    }

    private static Optional<UUID> parseUuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException notFound(String type, String id) {
        return Outcomes.of(ErrorCode.RECORD_NOT_FOUND, "no " + type + "/" + id + " for this caller");
    }
}
