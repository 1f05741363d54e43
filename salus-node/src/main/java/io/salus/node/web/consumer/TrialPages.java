package io.salus.node.web.consumer;

import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import io.salus.core.trial.Enrolment;
import io.salus.core.trial.Study;
import io.salus.core.usecase.trial.SponsorDesk;
import io.salus.core.usecase.trial.StudyPosting;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A sponsor's clinical studies: the list with a form to post one (eligibility in the criteria language), one study's
 * page (terms, escrow status, the differentially private count of eligible consenting patients, inviting them, and
 * the enrolments of the patients who accepted: the only patients it shows). Every step goes through the same use
 * cases as {@code /trials}. Thread-safe.
 */
public final class TrialPages {
    static final String TRIALS = ConsumerPortal.HOME + "/trials";
    private final StudyPosting posting;
    private final SponsorDesk desk;

    public TrialPages(StudyPosting posting, SponsorDesk desk) {
        this.posting = posting;
        this.desk = desk;
    }

    Result<View> list(PortalRequest r) {
        List<Html> rows = new ArrayList<>();
        for (Study s : desk.studies(r.account(), 100)) {
            rows.add(Html.of("<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    TRIALS + "/" + s.id().hex(), s.title(), s.status(), s.terms().feePerPatient(), s.terms().cap(),
                    s.terms().deadline()));
        }
        Html table = rows.isEmpty() ? Html.raw("<p>No studies yet.</p>") : Html.of("""
                <table id="studies"><caption>Your studies, newest first</caption><thead><tr><th scope="col">Study\
                </th><th scope="col">Escrow</th><th scope="col">Fee per patient (units)</th><th scope="col">Cap\
                </th><th scope="col">Deadline</th></tr></thead><tbody>{}</tbody></table>""", Html.join(rows));
        return Result.ok(View.of("Clinical studies", Html.concat(table, form(r))));
    }

    Result<String> post(PortalRequest r) {
        Instant deadline;
        try {
            String d = r.form("deadline");
            deadline = d.length() == 10 ? Instant.parse(d + "T23:59:59Z") : Instant.parse(d);
        } catch (DateTimeParseException | NullPointerException e) {
            return Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "deadline: a date (YYYY-MM-DD) or an "
                    + "ISO-8601 instant", "deadline"));
        }
        List<Category> categories = new ArrayList<>();
        for (String c : Optional.ofNullable(r.form("categories")).orElse("").split(",")) {
            Category.parse(c.strip()).ifPresent(categories::add);
        }
        long fee;
        int cap;
        try {
            fee = Long.parseLong(r.form("fee").strip());
            cap = Integer.parseInt(r.form("cap").strip());
        } catch (NumberFormatException | NullPointerException e) {
            return Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "fee and cap are whole numbers", "fee"));
        }
        return posting.post(r.account(), new StudyPosting.Proposal(r.form("title"), r.form("description"),
                r.form("criteria"), categories, Purpose.parse(Optional.ofNullable(r.form("purpose")).orElse("")),
                fee, cap, deadline)).map(s -> TRIALS + "/" + s.id().hex() + "?notice=study-posted");
    }

    Result<View> detail(PortalRequest r) {
        return desk.study(r.account(), r.pathParam("studyId")).flatMap(s -> desk.enrolments(r.account(),
                s.id().hex()).map(l -> View.of(s.title(), Html.concat(summary(r, s), enrolments(l)))));
    }

    Result<String> count(PortalRequest r) {
        String id = r.pathParam("studyId").toLowerCase(Locale.ROOT);
        return desk.count(r.account(), id, Optional.ofNullable(r.form("epsilon")).orElse("0.5"))
                .map(c -> TRIALS + "/" + id + "?notice=study-counted&count="
                        + URLEncoder.encode(c.count().display(), StandardCharsets.UTF_8));
    }

    Result<String> invite(PortalRequest r) {
        return desk.invite(r.account(), r.pathParam("studyId")).map(s -> TRIALS + "/" + s.id().hex()
                + "?notice=study-invited");
    }

    private static Html summary(PortalRequest r, Study s) {
        String base = TRIALS + "/" + s.id().hex();
        String count = r.query("count");
        return Html.of("""
                <section class="card" id="study"><h2>Terms and escrow</h2><dl class="summary">
                <dt>Study id</dt><dd><code>{}</code></dd><dt>Escrow</dt><dd id="study-status">{}{}</dd>
                <dt>Data and purpose</dt><dd>{} for {}</dd><dt>Fee per enrolled patient</dt><dd>{} units</dd>
                <dt>Cap</dt><dd>{}</dd><dt>Deadline</dt><dd>{}</dd><dt>Criteria</dt><dd><code>{}</code></dd>
                <dt>Eligible consenting patients (differentially private)</dt><dd id="study-count">{}</dd></dl>
                <form method="post" action="{}/count">{}<label>Epsilon <input name="epsilon" value="0.5"></label>\
                <button type="submit" id="count-study">Count (spends your organisation's budget)</button></form>
                <form method="post" action="{}/invitations">{}<button type="submit" id="invite-study">Invite the \
                eligible consenting patients</button></form></section>""", s.id().hex(), s.status(),
                s.fundingError().map(e -> " (" + e + ")").orElse(""), String.join(", ", s.categories().stream()
                        .map(Enum::name).toList()),
                s.purpose().name(), s.terms().feePerPatient(), s.terms().cap(),
                s.terms().deadline(), s.criteriaJson(), count == null ? "not counted yet" : count, base,
                r.csrfField(), base, r.csrfField());
    }

    private static Html enrolments(List<Enrolment> list) {
        if (list.isEmpty()) {
            return Html.raw("<p id=\"enrolments\">Nobody has accepted yet. You learn who a patient is only when "
                    + "they accept.</p>");
        }
        List<Html> rows = new ArrayList<>();
        for (Enrolment e : list) {
            rows.add(Html.of("<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                    e.patient(), e.patientAddress().hex(), e.status(), e.txHash().orElse("")));
        }
        return Html.of("""
                <table id="enrolments"><caption>Enrolled patients (they accepted)</caption><thead><tr>\
                <th scope="col">Patient</th><th scope="col">Address</th><th scope="col">Payment</th>\
                <th scope="col">Transaction</th></tr></thead><tbody>{}</tbody></table>""", Html.join(rows));
    }

    private static Html form(PortalRequest r) {
        return Html.of("""
                <section class="card"><h2>Post a study</h2><form method="post" action="{}" id="post-study">{}
                <label>Title <input name="title" required></label>
                <label>Description <input name="description"></label>
                <label>Eligibility (criteria JSON, docs/cohorts.md) <textarea name="criteria" required></textarea>\
                </label>
                <label>Categories (comma-separated) <input name="categories" value="CONDITIONS"></label>
                <label>Purpose <input name="purpose" value="CLINTRCH"></label>
                <label>Fee per patient (units) <input name="fee" required></label>
                <label>Cap <input name="cap" required></label>
                <label>Deadline (YYYY-MM-DD) <input name="deadline" required></label>
                <button type="submit">Post and fund the escrow</button></form></section>""", TRIALS, r.csrfField());
    }
}
