package io.salus.node.web.claims;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.claims.ClaimReason;
import io.salus.core.claims.CoveragePlan;
import io.salus.core.claims.StoredClaim;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.claims.ClaimQueries;
import io.salus.core.usecase.claims.ClaimSubmissions;
import io.salus.core.usecase.claims.Coverages;
import io.salus.fhir.claims.ClaimForm;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A party's claims (the same use cases as {@code /claims}, {@code /coverages} and {@code /patients/{id}/claims}):
 * every claim the signed-in account is the patient, provider or insurer of, with its outcome, approved amount,
 * reasons and chain state; the coverages it insures or holds; and, for a provider, a form that submits a one-item
 * FHIR R4 Claim (CSRF-protected). Thread-safe.
 */
public final class ClaimsPage {
    private final ClaimSubmissions submissions;
    private final ClaimQueries queries;
    private final Coverages coverages;
    private final AccountService accounts;

    public ClaimsPage(ClaimSubmissions submissions, ClaimQueries queries, Coverages coverages,
            AccountService accounts) {
        this.submissions = submissions;
        this.queries = queries;
        this.coverages = coverages;
        this.accounts = accounts;
    }

    Result<View> show(PortalRequest r) {
        Account me = r.account();
        Html form = me.kind().isProvider() ? form(r) : me.kind() == AccountKind.CONSUMER ? coverageForm(r) : Html.EMPTY;
        return Result.ok(View.of("Claims", Html.concat(form, claims(queries.mine(me)), coverages(coverages.mine(me)))));
    }

    Result<String> submit(PortalRequest r) {
        Optional<AccountId> patient = AccountId.parse(r.form("patient"));
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "the patient is an account id");
        }
        for (String field : List.of("coverage", "service", "date", "amount")) {
            if (r.form(field) == null || r.form(field).isEmpty()) {
                return Result.fail(ErrorCode.CLAIM_INVALID, field + " is required");
            }
        }
        String json;
        try {
            List<String> evidence = r.form("evidence") == null
                    ? List.of()
                    : Arrays.stream(r.form("evidence")
                            .split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
            json = new ClaimForm(patient.get().toString(), "Practitioner", r.account().id().toString(),
                    r.form("coverage"), Optional.of(r.account().id().toString()), List.of(new ClaimForm.Item(
                            r.form("service"), LocalDate.parse(r.form("date")), new BigDecimal(r.form("amount")))),
                    evidence).json();
        } catch (DateTimeParseException | NumberFormatException e) {
            return Result.fail(ErrorCode.CLAIM_INVALID, "the date is YYYY-MM-DD and the amount a number of tokens");
        }
        return submissions.submit(r.account(), patient.get(), json.getBytes(StandardCharsets.UTF_8))
                .map(c -> ClaimsPortal.HOME + "?notice=claim-submitted");
    }

    /** An insurer publishes a one-service coverage for a patient (limit in tokens). */
    Result<String> publish(PortalRequest r) {
        Optional<AccountId> patient = AccountId.parse(r.form("patient"));
        if (patient.isEmpty() || Stream.of("service", "limit", "start", "end").anyMatch(f -> r.form(f) == null)) {
            return Result.fail(ErrorCode.COVERAGE_INVALID, "patient, start, end, service and limit are required");
        }
        try {
            long units = new BigDecimal(r.form("limit")).movePointRight(6).longValueExact();
            return coverages.publish(r.account(), patient.get(), LocalDate.parse(r.form("start")), LocalDate.parse(r
                    .form("end")), Map.of(r.form("service"), units)).map(p -> ClaimsPortal.HOME
                            + "?notice=coverage-published");
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            return Result.fail(ErrorCode.COVERAGE_INVALID, "dates are YYYY-MM-DD, the limit a number of tokens");
        }
    }

    private static Html coverageForm(PortalRequest r) {
        return Html.of(
                """
                        <section class="card"><h2>Publish a coverage</h2><form method="post" action="{}"                 id="coverage-form">{}<label>Patient account id <input name="patient" required></label>                <label>First day <input name="start" type="date" required></label>                <label>Last day <input name="end" type="date" required></label>                <label>Service code <input name="service" required></label>                <label>Most paid over the plan (tokens) <input name="limit" inputmode="decimal" required></label>                <button type="submit" id="coverage-submit">Publish</button></form></section>""",
                ClaimsPortal.COVERAGE, r.csrfField());
    }

    private static Html form(PortalRequest r) {
        return Html.of("""
                <section class="card"><h2>Submit a claim</h2><form method="post" action="{}" id="claim-form">{}\
                <label>Patient account id <input name="patient" required></label>\
                <label>Coverage id <input name="coverage" required></label>\
                <label>Service code <input name="service" required></label>\
                <label>Service date <input name="date" type="date" required></label>\
                <label>Amount (tokens) <input name="amount" inputmode="decimal" required></label>\
                <label>Evidence record ids (comma-separated; the patient must consent that the insurer sees them) \
                <input name="evidence"></label>\
                <button type="submit" id="claim-submit">Submit</button></form></section>""", ClaimsPortal.HOME,
                r.csrfField());
    }

    private Html claims(List<StoredClaim> claims) {
        if (claims.isEmpty()) {
            return Html.raw("<p id=\"no-claims\">No claims concern you.</p>");
        }
        List<Html> rows = new ArrayList<>();
        for (StoredClaim c : claims) {
            rows.add(Html.of("""
                    <tr><td><time datetime="{}">{}</time></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
                    <td>{}</td><td>{}</td><td>{}</td></tr>""", c.submittedAt(), c.submittedAt().toString()
                    .replace('T', ' ').substring(0, 19), name(c.patient()), name(c.provider()), name(c.insurer()),
                    c.outcome(), new BigDecimal(c.approvedTotal()).movePointLeft(6).stripTrailingZeros()
                            .toPlainString(),
                    c.reasons().stream().map(ClaimReason::text).collect(Collectors.joining("; ")), c.state()));
        }
        return Html.of("""
                <table id="claims"><caption>Your claims, newest first</caption><thead><tr>\
                <th scope="col">Submitted (UTC)</th><th scope="col">Patient</th><th scope="col">Provider</th>\
                <th scope="col">Insurer</th><th scope="col">Outcome</th><th scope="col">Approved (tokens)</th>\
                <th scope="col">Reasons</th><th scope="col">State</th></tr></thead><tbody>{}</tbody></table>""",
                Html.join(rows));
    }

    private Html coverages(List<CoveragePlan> plans) {
        if (plans.isEmpty()) {
            return Html.EMPTY;
        }
        List<Html> rows = new ArrayList<>();
        for (CoveragePlan p : plans) {
            rows.add(Html.of("<tr><td>{}</td><td>{}</td><td>{}</td><td>{} to {}</td><td>{}</td></tr>", p.id(),
                    name(p.insurer()), name(p.patient()), p.start(), p.end(), p.limits().entrySet().stream()
                            .map(e -> e.getKey() + " up to " + new BigDecimal(e.getValue()).movePointLeft(6)
                                    .stripTrailingZeros().toPlainString())
                            .collect(Collectors.joining(", "))));
        }
        return Html.of("""
                <table id="coverages"><caption>Coverages</caption><thead><tr><th scope="col">Coverage id</th>\
                <th scope="col">Insurer</th><th scope="col">Patient</th><th scope="col">Period</th>\
                <th scope="col">Services (tokens over the plan)</th></tr></thead><tbody>{}</tbody></table>""",
                Html.join(rows));
    }

    private String name(AccountId id) {
        return accounts.find(id).map(Account::displayName).orElse(id.toString());
    }
}
