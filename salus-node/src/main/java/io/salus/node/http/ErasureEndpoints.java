package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.AccountId;
import io.salus.core.consent.Purpose;
import io.salus.core.erasure.ErasureReceipt;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.ErasureService;
import io.salus.core.usecase.ExportService;
import io.salus.core.usecase.consent.DelegatedRecords;
import io.salus.fhir.ExportBundleWriter;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The export of a patient's records as a FHIR Bundle (by the patient, or by a delegate through the decision point,
 * {@code ?purpose=}, default {@code PATRQT}), the patient's erasure, its receipt, and the guard that answers
 * {@code 410 PATIENT_ERASED} to every later request about an erased patient ({@code /patients/{id}/...}) or made with an
 * erased account's token, except the erasure routes themselves (the receipt stays readable).
 */
public final class ErasureEndpoints implements ApiEndpoints {
    private static final Pattern PATIENT_PATH = Pattern.compile("^/patients/([^/]+)(/.*)?$");
    private final ErasureService erasure;
    private final ExportService exports;
    private final ErasedAccounts erased;
    private final DelegatedRecords delegated;
    private final AccountService accounts;
    private final Clock clock;
    private final Auth auth;

    public ErasureEndpoints(ErasureService erasure, ExportService export, ErasedAccounts erased,
            DelegatedRecords delegated, AccountService accounts, Clock clock, Auth auth) {
        this.erasure = erasure;
        this.exports = export;
        this.erased = erased;
        this.delegated = delegated;
        this.accounts = accounts;
        this.clock = clock;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.GET, "/patients/{patientId}/export", this::export);
        r.add(HandlerType.POST, "/patients/{patientId}/erasure", this::erase);
        r.add(HandlerType.GET, "/patients/{patientId}/erasure", this::receipt);
        r.beforeMatched(this::guard);
    }

    record EraseRequest(String confirm) {
    }

    Result<Reply> export(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(patient -> purpose(ctx)
                .flatMap(purpose -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ExportBundleWriter bundle = new ExportBundleWriter(out, UUID.randomUUID(), clock.instant());
                    Result<Integer> n = exports.export(actor, patient, purpose, delegated::list,
                            (record, json) -> bundle.add(record.fhirId(), record.id().value(), json));
                    bundle.close();
                    return n.map(count -> {
                        ctx.header("Content-Disposition", "attachment; filename=\"salus-export-" + patient + ".json\"");
                        ctx.header("X-Salus-Records", Integer.toString(count));
                        return Reply.raw(200, "application/fhir+json", out.toByteArray());
                    });
                })));
    }

    private static Result<Purpose> purpose(Context ctx) {
        String q = ctx.queryParam("purpose");
        if (q == null) {
            return Result.ok(Purpose.PATRQT);
        }
        return Purpose.parse(q).<Result<Purpose>>map(Result::ok).orElseGet(() -> Result.fail(Failure.of(
                ErrorCode.INVALID_REQUEST, "purpose must be a PurposeOfUse code such as PATRQT", "purpose")));
    }

    Result<Reply> erase(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(patient -> {
            Result<EraseRequest> body = ctx.bodyAsBytes().length == 0
                    ? Result.ok(new EraseRequest(null))
                    : Requests.json(ctx, EraseRequest.class);
            return body.flatMap(b -> erasure.erase(actor, patient, b.confirm()));
        })).map(r -> {
            erased.add(r.patient());
            return Reply.ok(view(r));
        });
    }

    Result<Reply> receipt(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(patient -> erasure.receipt(actor, patient))).map(r -> Reply.ok(view(r)));
    }

    /** Before every matched route: refuses requests about, or by, an erased patient. */
    void guard(Context ctx) {
        if (erased.isEmpty()) {
            return;
        }
        Matcher m = PATIENT_PATH.matcher(ctx.path());
        if (m.matches() && "/erasure".equals(m.group(2))) {
            return;
        }
        Optional<AccountId> about = m.matches() ? AccountId.parse(m.group(1)) : Optional.empty();
        if (about.isPresent() && erased.contains(about.get())) {
            refuse(ctx, "patient " + about.get() + " was erased; their records no longer exist");
            return;
        }
        String h = ctx.header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            accounts.authenticate(h.substring(7).trim()).filter(a -> erased.contains(a.id()))
                    .ifPresent(a -> refuse(ctx, "account " + a.id() + " was erased; only its erasure receipt "
                            + "(GET /patients/" + a.id() + "/erasure) remains"));
        }
    }

    private static void refuse(Context ctx, String detail) {
        Problems.respond(ctx, ErrorCode.PATIENT_ERASED, detail);
        ctx.skipRemainingHandlers();
    }

    static Map<String, Object> view(ErasureReceipt r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patientId", r.patient().toString());
        m.put("erasedAt", r.erasedAt().toString());
        m.put("recordsShredded", r.recordsShredded());
        m.put("anchoredRecords", r.anchoredRecords());
        m.put("depositsDeleted", r.depositsDeleted());
        m.put("featuresDeleted", r.featuresDeleted());
        m.put("identifiersDeleted", r.identifiersDeleted());
        m.put("ciphertext", "deleted");
        m.put("onChain", "anchored roots stay; the salts and data keys are destroyed, so their leaves can no longer"
                + " be linked to any content");
        return m;
    }
}
