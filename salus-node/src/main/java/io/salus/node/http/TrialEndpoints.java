package io.salus.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.trial.Enrolment;
import io.salus.core.trial.Invitation;
import io.salus.core.trial.Milestone;
import io.salus.core.trial.Study;
import io.salus.core.usecase.trial.PatientInvitations;
import io.salus.core.usecase.trial.SponsorDesk;
import io.salus.core.usecase.trial.StudyPosting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Clinical-trial recruitment (docs/care.md). Sponsors: post a study, list and read their own, a differentially private
 * count of eligible consenting patients, invite them (the reply says nothing about who or how many), the enrolments of
 * patients who accepted, fund again, refund after the deadline. Patients: their invitations, the consent digest (for
 * self-custody), accept with the study-scoped consent, decline. No sponsor-facing reply names a patient who has not
 * accepted.
 */
public final class TrialEndpoints implements ApiEndpoints {
    private static final int LIMIT = 100;
    private final StudyPosting posting;
    private final SponsorDesk sponsors;
    private final PatientInvitations patients;
    private final Auth auth;

    public TrialEndpoints(StudyPosting posting, SponsorDesk sponsors, PatientInvitations patients, Auth auth) {
        this.posting = posting;
        this.sponsors = sponsors;
        this.patients = patients;
        this.auth = auth;
    }

    record StudyBody(String title, String description, JsonNode criteria, List<String> categories, String purpose,
            Long feePerPatient, Integer cap, String deadline, List<MilestoneBody> milestones) {
    }

    /** A milestone declared at posting: its name and fee (token units). */
    record MilestoneBody(String name, Long fee) {
    }

    record CountBody(String epsilon) {
    }

    record AcceptBody(String signature) {
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/trials", this::post);
        r.add(HandlerType.GET, "/trials", this::list);
        r.add(HandlerType.GET, "/trials/{studyId}", this::read);
        r.add(HandlerType.POST, "/trials/{studyId}/count", this::count);
        r.add(HandlerType.POST, "/trials/{studyId}/invitations", this::invite);
        r.add(HandlerType.GET, "/trials/{studyId}/enrolments", this::enrolments);
        r.add(HandlerType.POST, "/trials/{studyId}/funding", this::fund);
        r.add(HandlerType.POST, "/trials/{studyId}/refund", this::refund);
        r.add(HandlerType.GET, "/accounts/me/trial-invitations", this::invitations);
        r.add(HandlerType.GET, "/trial-invitations/{invitationId}/consent-digest", this::digest);
        r.add(HandlerType.POST, "/trial-invitations/{invitationId}/accept", this::accept);
        r.add(HandlerType.POST, "/trial-invitations/{invitationId}/decline", this::decline);
    }

    Result<Reply> post(Context ctx) {
        return auth.caller(ctx).flatMap(c -> Requests.json(ctx, StudyBody.class).flatMap(TrialEndpoints::proposal)
                .flatMap(p -> posting.post(c, p))).map(s -> Reply.json(201, study(s)));
    }

    Result<Reply> list(Context ctx) {
        return auth.caller(ctx).map(c -> Reply.ok(Map.of("studies", sponsors.studies(c, LIMIT).stream()
                .map(TrialEndpoints::study).toList())));
    }

    Result<Reply> read(Context ctx) {
        return auth.caller(ctx).flatMap(c -> sponsors.study(c, ctx.pathParam("studyId"))).map(s -> Reply.ok(study(s)));
    }

    Result<Reply> count(Context ctx) {
        return auth.caller(ctx).flatMap(c -> Requests.json(ctx, CountBody.class)
                .flatMap(b -> sponsors.count(c, ctx.pathParam("studyId"), b.epsilon())))
                .map(r -> Reply.ok(Map.of("count", r.count().display(), "epsilon",
                        r.epsilon().value().toPlainString(), "remainingBudget",
                        r.remaining().remaining().toPlainString(), "organisation", r.remaining().organisation())));
    }

    Result<Reply> invite(Context ctx) {
        return auth.caller(ctx).flatMap(c -> sponsors.invite(c, ctx.pathParam("studyId")))
                .map(s -> Reply.json(202, Map.of("studyId", s.id().hex(), "invitations", "sent to the eligible "
                        + "consenting patients not invited yet; only those who accept are revealed")));
    }

    Result<Reply> enrolments(Context ctx) {
        return auth.caller(ctx).flatMap(c -> sponsors.enrolments(c, ctx.pathParam("studyId")))
                .map(l -> Reply.ok(Map.of("enrolments", l.stream().map(TrialEndpoints::enrolment).toList())));
    }

    Result<Reply> fund(Context ctx) {
        return auth.caller(ctx).flatMap(c -> sponsors.fund(c, ctx.pathParam("studyId"))).map(s -> Reply.ok(study(s)));
    }

    Result<Reply> refund(Context ctx) {
        return auth.caller(ctx).flatMap(c -> sponsors.refund(c, ctx.pathParam("studyId")))
                .map(s -> Reply.ok(study(s)));
    }

    Result<Reply> invitations(Context ctx) {
        return auth.caller(ctx).map(p -> Reply.ok(Map.of("invitations", patients.invitations(p, LIMIT).stream()
                .map(TrialEndpoints::invited).toList())));
    }

    Result<Reply> digest(Context ctx) {
        return auth.caller(ctx).flatMap(p -> patients.consentDigest(p, ctx.pathParam("invitationId")))
                .map(d -> Reply.ok(Map.of("digest", d.hex())));
    }

    Result<Reply> accept(Context ctx) {
        return auth.caller(ctx).flatMap(p -> signature(ctx).flatMap(sig -> patients.accept(p,
                ctx.pathParam("invitationId"), sig))).map(e -> Reply.json(201, enrolment(e)));
    }

    Result<Reply> decline(Context ctx) {
        return auth.caller(ctx).flatMap(p -> patients.decline(p, ctx.pathParam("invitationId")))
                .map(i -> Reply.ok(invitation(i)));
    }

    private static Result<Optional<byte[]>> signature(Context ctx) {
        if (ctx.body().isBlank()) {
            return Result.ok(Optional.empty());
        }
        return Requests.json(ctx, AcceptBody.class).flatMap(b -> {
            if (b.signature() == null || b.signature().isBlank()) {
                return Result.ok(Optional.empty());
            }
            String hex = b.signature().startsWith("0x") ? b.signature().substring(2) : b.signature();
            try {
                return Result.ok(Optional.of(HexFormat.of().parseHex(hex)));
            } catch (IllegalArgumentException e) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "signature must be hex", "signature"));
            }
        });
    }

    private static Result<StudyPosting.Proposal> proposal(StudyBody b) {
        Result<Optional<Purpose>> purpose = b.purpose() == null
                ? Result.ok(Optional.empty())
                : DealEndpoints.purpose(b.purpose()).map(Optional::of);
        return purpose.flatMap(p -> DealEndpoints.categories(b.categories()).flatMap(cats -> DealEndpoints
                .criteria(b.criteria()).flatMap(c -> ConsentRequests.instant(b.deadline(), "deadline")
                        .map(deadline -> new StudyPosting.Proposal(b.title(), b.description(),
                                new String(c, StandardCharsets.UTF_8), cats, p,
                                b.feePerPatient() == null ? 0 : b.feePerPatient(), b.cap() == null ? 0 : b.cap(),
                                deadline, b.milestones() == null
                                        ? List.of()
                                        : b.milestones().stream()
                                                .map(x -> new Milestone(x.name() == null ? "" : x.name(),
                                                        x.fee() == null
                                                                ? 0
                                                                : x.fee()))
                                                .toList())))));
    }

    /** A study as its sponsor sees it: the terms, the status, the ResearchStudy; never a patient. */
    static Map<String, Object> study(Study s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("studyId", s.id().hex());
        m.put("title", s.title());
        m.put("organisation", s.organisation());
        m.put("categories", s.categories().stream().map(Enum::name).toList());
        m.put("purpose", s.purpose().name());
        m.put("feePerPatient", s.terms().feePerPatient());
        m.put("cap", s.terms().cap());
        m.put("milestones", s.terms().milestones().stream().map(x -> Map.of("name", x.name(), "fee", x.fee()))
                .toList());
        m.put("escrow", s.terms().escrow());
        m.put("deadline", s.terms().deadline().toString());
        m.put("status", s.status().name());
        m.put("fundTx", s.fundTx().orElse(null));
        m.put("fundingError", s.fundingError().orElse(null));
        m.put("criteria", tree(s.criteriaJson()));
        m.put("researchStudy", tree(s.researchStudyJson()));
        return m;
    }

    /** An enrolment: the patient who accepted, revealed to the sponsor with the ResearchSubject and the payment. */
    static Map<String, Object> enrolment(Enrolment e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("studyId", e.study().hex());
        m.put("patientId", e.patient().toString());
        m.put("patientAddress", e.patientAddress().hex());
        m.put("payee", e.payee().hex());
        m.put("consentSignature", e.consentSignature());
        m.put("status", e.status().name());
        m.put("txHash", e.txHash().orElse(null));
        m.put("refusal", e.refusal().orElse(null));
        m.put("enrolledAt", e.enrolledAt().toString());
        m.put("researchSubject", tree(e.researchSubjectJson()));
        return m;
    }

    private static Map<String, Object> invited(PatientInvitations.Invited i) {
        Map<String, Object> m = invitation(i.invitation());
        Study s = i.study();
        m.put("title", s.title());
        m.put("organisation", s.organisation());
        m.put("feePerPatient", s.terms().feePerPatient());
        m.put("deadline", s.terms().deadline().toString());
        m.put("categories", s.categories().stream().map(Enum::name).toList());
        m.put("purpose", s.purpose().name());
        m.put("researchStudy", tree(s.researchStudyJson()));
        m.put("enrolment", i.enrolment().map(TrialEndpoints::enrolment).orElse(null));
        return m;
    }

    private static Map<String, Object> invitation(Invitation i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("invitationId", i.id().toString());
        m.put("studyId", i.study().hex());
        m.put("status", i.status().name());
        m.put("invitedAt", i.invitedAt().toString());
        m.put("answeredAt", i.answeredAt().map(Object::toString).orElse(null));
        return m;
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is not JSON", e);
        }
    }
}
