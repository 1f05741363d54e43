package io.salus.node.web.consumer;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.study.RoundRecord;
import io.salus.core.study.Study;
import io.salus.core.study.StudyPart;
import io.salus.core.study.StudyState;
import io.salus.core.usecase.study.StudyQueries;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The consumer's federated studies (docs/compute.md): the list with each study's state, and one study's page: its
 * spec and privacy, the training curve (an SVG of the noisy training loss per round), each round's members summed,
 * members dropped and recovered, ε spent, loss and on-chain record, the payout parts of the other members and whether
 * StudyPayouts has paid them all, and for a trained study the settlement as a CSRF-protected form and the CLI command
 * that fetches and decrypts the model. Studies are started through the API or the CLI ({@code ./salus study start}).
 * Every read goes through {@link StudyQueries}, hence the same checks as {@code /studies}; on a node outside an
 * alliance the pages say so. Thread-safe.
 */
final class FederatedStudyPages {
    static final String STUDIES = ConsumerPortal.HOME + "/federated";
    private final Optional<StudyQueries> studies;

    FederatedStudyPages(Optional<StudyQueries> studies) {
        this.studies = studies;
    }

    Result<View> list(PortalRequest r) {
        if (studies.isEmpty()) {
            return Result.ok(View.of("Federated studies", Html.raw("<p id=\"not-federated\">This node is not a "
                    + "member of an alliance: federated studies need one (docs/federation.md).</p>")));
        }
        List<Html> rows = new ArrayList<>();
        for (Study s : studies.get().mine(r.account())) {
            rows.add(Html.of("<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    STUDIES + "/" + s.id(), s.id().toString().substring(0, 8), s.state(), s.spec().rounds(),
                    s.reasonCode().orElse(""), s.createdAt()));
        }
        Html body = rows.isEmpty()
                ? Html.raw("<p>No federated studies yet. Start one against a matched deal: <code>./salus study start "
                        + "--deal 0x… --features observation:8867-4 --lows 40 --highs 200 --outcome "
                        + "observation:8480-6 --outcome-at-least 140 --rounds 8 --epsilon 1</code> "
                        + "(docs/compute.md).</p>")
                : Html.of("""
                        <table id="federated-studies"><caption>Your federated studies, newest first</caption>
                        <thead><tr><th scope="col">Study</th><th scope="col">State</th><th scope="col">Rounds</th>\
                        <th scope="col">Reason</th><th scope="col">Started</th></tr></thead>
                        <tbody>{}</tbody></table>
                        """, Html.join(rows));
        return Result.ok(View.of("Federated studies", body));
    }

    Result<View> detail(PortalRequest r) {
        return queries().flatMap(q -> id(r).flatMap(id -> q.find(r.account(), id))).map(v -> {
            Study s = v.study();
            Html summary = Html.of("""
                    <dl id="study-summary"><dt>State</dt><dd id="study-state">{}</dd><dt>Deal</dt><dd><a href="{}">\
                    {}</a></dd><dt>Model</dt><dd>logistic regression of {} (at least {}) on {}</dd>\
                    <dt>Rounds</dt><dd id="study-rounds">{} of {}</dd><dt>Privacy per member</dt><dd>ε {}, δ {}, \
                    noise multiplier {}</dd><dt>ε spent</dt><dd id="study-epsilon">{}</dd>{}</dl>
                    """, s.state(), DealPages.DEALS + "/" + s.deal().hex(), s.deal().hex(), s.spec().outcome(),
                    s.spec().outcomeAtLeast(), String.join(", ", s.spec().features()), v.rounds().size(),
                    s.spec().rounds(), s.spec().epsilon().value().toPlainString(), s.spec().delta(),
                    String.format(Locale.ROOT, "%.3f", s.spec().sigma()), v.rounds().isEmpty()
                            ? "0"
                            : v.rounds().getLast().epsilonText(),
                    s.reason().map(x -> Html.of(
                            "<dt>Reason</dt><dd id=\"study-reason\">{}: {}</dd>", s.reasonCode().orElse(""),
                            x)).orElse(Html.EMPTY));
            Html curve = Html.concat(Html.raw("<h2>Training curve</h2><p>The noisy training loss (mean clipped "
                    + "log-loss at each round's starting model, from the members' summed differentially private "
                    + "releases).</p>"), TrainingChart.svg(v.rounds(), s.spec().rounds()));
            return View.of("Federated study " + s.id().toString().substring(0, 8), Html.concat(summary, curve,
                    rounds(v.rounds()), parts(s, v.parts(), v.partsPaid()), settle(r, s)));
        });
    }

    Result<String> settle(PortalRequest r) {
        return queries().flatMap(q -> id(r).flatMap(id -> q.settle(r.account(), id).map(d -> STUDIES + "/" + id
                + "?notice=study-settled")));
    }

    private static Html rounds(List<RoundRecord> rounds) {
        List<Html> rows = new ArrayList<>();
        for (RoundRecord r : rounds) {
            rows.add(Html.of("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td>"
                    + "</tr>", r.round(), r.participants().size(), r.dropped().size(), r.epsilonText(),
                    Double.isNaN(r.loss()) ? "—" : String.format(Locale.ROOT, "%.3f", r.loss()),
                    r.modelHash().hex().substring(0, 18)));
        }
        return Html.of("""
                <table id="study-round-table"><caption>Rounds: members summed, members dropped after sharing and \
                recovered from the others' key shares, ε spent per member, loss, model hash (on chain)</caption>
                <thead><tr><th scope="col">Round</th><th scope="col">Members</th><th scope="col">Dropped</th>\
                <th scope="col">ε spent</th><th scope="col">Loss</th><th scope="col">Model</th></tr></thead>
                <tbody>{}</tbody></table>
                """, Html.join(rows));
    }

    private static Html parts(Study s, List<StudyPart> parts, boolean paid) {
        List<Html> rows = new ArrayList<>();
        for (StudyPart p : parts) {
            rows.add(Html.of("<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                    p.member().hex(), p.trained(), p.payouts().size(), p.root(s.id()).hex().substring(0, 18)));
        }
        return Html.of("""
                <h2>Settlement</h2><p id="study-settlement">{}</p>
                <table id="study-parts"><caption>The other members' payout parts (StudyPayouts): patients trained \
                on, payees, root</caption><thead><tr><th scope="col">Member</th><th scope="col">Trained</th>\
                <th scope="col">Payees</th><th scope="col">Root</th></tr></thead><tbody>{}</tbody></table>
                """, parts.isEmpty()
                ? "No other member's part: the deal's settlement pays every patient."
                : paid
                        ? "Every member's part is paid on chain; the deal's settlement pays this node's patients and "
                                + "releases the model's key."
                        : "The members' parts are not all paid yet: settling pays them first, then the deal.",
                Html.join(rows));
    }

    private static Html settle(PortalRequest r, Study s) {
        if (s.state() != StudyState.TRAINED) {
            return Html.EMPTY;
        }
        return Html.of("""
                <section><h2>Model</h2><p>The model is staged encrypted to you; settling pays every contributing \
                patient at every member and releases its key on chain.</p>
                <form method="post" action="{}">{}<button type="submit" id="settle-study">Settle and release</button>\
                </form><pre><code id="study-result-command">./salus study result --study {} --out model.salus \
                --key-file key.hex</code></pre></section>
                """, STUDIES + "/" + s.id() + "/settle", r.csrfField(), s.id());
    }

    private Result<StudyQueries> queries() {
        return studies.<Result<StudyQueries>>map(Result::ok).orElseGet(() -> Result.fail(ErrorCode.NOT_FEDERATED,
                "this node is not a member of an alliance"));
    }

    private static Result<UUID> id(PortalRequest r) {
        String id = r.pathParam("studyId");
        try {
            return Result.ok(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.STUDY_NOT_FOUND, "no study " + id);
        }
    }
}
