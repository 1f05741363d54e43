package io.salus.node.web.dao;

import io.salus.core.account.AccountKind;
import io.salus.core.dao.PolicyChanges;
import io.salus.core.dao.ProposalState;
import io.salus.core.dao.Support;
import io.salus.core.deal.DealEvent;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.usecase.dao.DaoService;
import io.salus.core.usecase.dao.DaoService.DaoView;
import io.salus.core.usecase.dao.DaoService.ProposalView;
import io.salus.core.usecase.deal.DealEvents;
import io.salus.node.web.Html;
import io.salus.node.web.NavLink;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.PortalRouter;
import io.salus.node.web.View;
import io.salus.zk.ZkFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The patient portal's DAO pages: the DAOs with their terms, members and treasury; joining one (with the verified
 * account, or by pasting a proof made on the patient's own machine with {@code ./salus dao prove --out}: the portal
 * receives only the proof, as the API does); the proposals with their state and votes; and quadratic voting, where
 * each choice shows its cost (v votes cost v² credits, out of the credits left for the period). The same use case as
 * the {@code /daos} API decides everything. A proof can also be made in the page ({@link DaoBrowserProving}). Thread-safe.
 */
public final class DaoPatientPages implements PortalModule {
    static final String PATH = "/portal/patient/daos";
    private final DaoService daos;
    private final DaoBrowserProving proving;
    private final DealEvents events;

    public DaoPatientPages(DaoService daos, DaoBrowserProving proving, DealEvents events) {
        this.daos = daos;
        this.proving = proving;
        this.events = events;
    }

    @Override
    public Set<AccountKind> kinds() {
        return Set.of(AccountKind.PATIENT);
    }

    @Override
    public String home() {
        return PATH;
    }

    @Override
    public List<NavLink> nav() {
        return List.of(new NavLink(PATH, "DAOs"));
    }

    @Override
    public void routes(PortalRouter router) {
        router.page(PATH, this::list);
        router.page(PATH + "/{daoId}", this::show);
        router.action(PATH + "/{daoId}/join", r -> DaoHtml.daoId(r).flatMap(id -> daos.joinByCredential(
                r.account(), id).map(tx -> PATH + "/" + id + "?notice=dao-joined")));
        router.action(PATH + "/{daoId}/join-proof", this::joinByProof);
        proving.routes(router);
        new DaoProposalForm(daos).routes(router);
        router.action(PATH + "/{daoId}/proposals/{proposalId}/vote", this::vote);
        router.notice("dao-joined", "You joined the DAO: your membership is minted on the chain and cannot be moved.");
        router.notice("dao-voted", "Your vote was cast on the chain; its credits are spent for this period.");
    }

    Result<View> list(PortalRequest r) {
        List<Html> rows = new ArrayList<>();
        for (DaoView v : daos.all()) {
            Result<Boolean> m = daos.isMember(v.dao().id(), r.account());
            boolean member = m.isOk() && m.orElseThrow();
            rows.add(Html.of("""
                    <tr><td><a href="{}">{}</a></td><td>{}</td><td class="num">{}</td><td class="num">{} %</td>\
                    <td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>""", PATH + "/" + v.dao().id(),
                    v.dao().name(), DaoHtml.admission(v), DaoHtml.tokens(v.terms().floorPrice()),
                    DaoHtml.percent(v.terms().shareBps()), v.members(), DaoHtml.tokens(v.treasury()), member
                            ? "member"
                            : ""));
        }
        return Result.ok(View.of("Patient data DAOs", rows.isEmpty()
                ? Html.raw("<p>No DAO has been founded on this node yet.</p>")
                : Html.of("""
                        <p>Patients with a condition in common set, together, the terms on which deals may use their \
                        data. One person, one membership; votes are quadratic.</p>\
                        <table id="daos"><caption class="visually-hidden">DAOs</caption><thead><tr>\
                        <th scope="col">DAO</th><th scope="col">Join</th><th scope="col">Floor price (tokens)</th>\
                        <th scope="col">Treasury share</th><th scope="col">Members</th>\
                        <th scope="col">Treasury (tokens)</th><th scope="col">You</th></tr></thead><tbody>{}</tbody>\
                        </table>""", Html.join(rows))));
    }

    Result<View> show(PortalRequest r) {
        return DaoHtml.daoId(r).flatMap(id -> daos.find(id).flatMap(v -> daos.isMember(id, r.account())
                .flatMap(member -> daos.proposals(id).map(ps -> withProving(View.of(v.dao().name(), Html.concat(
                        DaoHtml.terms(v), treasury(v, events), membership(r, v, member), browserProving(r, v, member),
                        member ? DaoProposalForm.form(r, id) : Html.EMPTY, proposals(r, id, ps, member))), v,
                        member)))));
    }

    Result<String> joinByProof(PortalRequest r) {
        String text = Optional.ofNullable(r.form("proof")).orElse("");
        if (text.isEmpty() || text.length() > 20_000) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "paste the proof file made by ./salus dao prove --out");
        }
        return DaoHtml.daoId(r).flatMap(id -> ZkFiles.parseProof(text).flatMap(p -> daos.joinByProof(id, p))
                .map(tx -> PATH + "/" + id + "?notice=dao-joined"));
    }

    Result<String> vote(PortalRequest r) {
        Optional<Support> support = Support.parse(r.form("support"));
        long votes;
        try {
            votes = Long.parseLong(Optional.ofNullable(r.form("votes")).orElse(""));
        } catch (NumberFormatException e) {
            votes = 0;
        }
        if (support.isEmpty() || votes < 1) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "choose FOR, AGAINST or ABSTAIN and at least one vote");
        }
        long v = votes;
        return DaoHtml.daoId(r).flatMap(id -> DaoHtml.proposalId(r).flatMap(p -> daos.vote(r.account(), id, p,
                support.get(), v).map(tx -> PATH + "/" + id + "?notice=dao-voted")));
    }

    private Html browserProving(PortalRequest r, DaoView v, boolean member) {
        return member || v.dao().scope().isEmpty()
                ? Html.EMPTY
                : proving.section(r, v.dao().scope().get());
    }

    /** A non-member's page of a proof DAO loads snarkjs (from the build's npm lockfile) and the proving script. */
    private static View withProving(View view, DaoView v, boolean member) {
        return member || v.dao().scope().isEmpty()
                ? view
                : view.withScripts("snarkjs.min.js", "dao-prove.js");
    }

    /** The balance, and every deal payment to the DAO's timelock (the latest 20), from the deal projection. */
    private static Html treasury(DaoView v, DealEvents events) {
        List<DealEvent.Paid> paid = events.paymentsTo(Set.of(v.dao().contracts().treasury()));
        List<Html> rows = paid.subList(Math.max(0, paid.size() - 20), paid.size()).reversed().stream()
                .map(p -> Html.of("<tr><td><code>{}</code></td><td class=\"num\">{}</td><td>{}</td></tr>",
                        p.dealId().hex().substring(0, 10) + "…", DaoHtml.tokens(p.amount()), p.block()))
                .toList();
        Html history = rows.isEmpty()
                ? Html.raw("<p id=\"dao-treasury-history\">No deal has paid this treasury yet.</p>")
                : Html.of("""
                        <table id="dao-treasury-history"><caption>Paid by deals ({} payments)</caption><thead><tr>\
                        <th>Deal</th><th class="num">Tokens</th><th>Block</th></tr></thead><tbody>{}</tbody></table>""",
                        paid.size(), Html.join(rows));
        return Html.of("""
                <section class="card"><h2>Treasury</h2><p>Balance: <span id="dao-treasury">{}</span> tokens, held \
                by the DAO's timelock <code>{}</code>. It receives the DAO's share of deals and pays out only by a \
                passed proposal.</p>{}</section>""", DaoHtml.tokens(v.treasury()), v.dao().contracts().treasury().hex(),
                history);
    }

    private static Html membership(PortalRequest r, DaoView v, boolean member) {
        String path = PATH + "/" + v.dao().id();
        if (member) {
            return Html.raw("<section class=\"card\"><h2>Membership</h2><p id=\"dao-membership\">You are a member. "
                    + "Your membership is soulbound: it cannot be transferred or delegated.</p></section>");
        }
        if (v.dao().scope().isEmpty()) {
            return Html.of("""
                    <section class="card"><h2>Membership</h2><p id="dao-membership">You are not a member. Members \
                    join with their verified account, once per person.</p><form method="post" action="{}">{}\
                    <button type="submit" id="dao-join">Join</button></form></section>""", path + "/join",
                    r.csrfField());
        }
        return Html.of("""
                <section class="card"><h2>Membership</h2><p id="dao-membership">You are not a member. This DAO \
                admits by a zero-knowledge proof that you meet its condition, made on your own machine: your record, \
                value and identity are never sent.</p><ol><li><code>./salus dao secret</code> creates your proving \
                secret and prints your identity commitment; give it to your provider, who signs the attribute.</li>\
                <li><code>./salus dao prove --dao {} --attribute attribute.json --secret zk-secret.json --out \
                proof.json</code></li><li>Paste the content of <code>proof.json</code> below (or let the command \
                send it itself, without <code>--out</code>), or make the proof in this browser: the next section puts \
                it here.</li></ol><form method="post" action="{}">{}\
                <label for="dao-proof">Proof</label><textarea id="dao-proof" name="proof" rows="8" cols="80" \
                required></textarea><button type="submit" id="dao-join-proof">Join with this proof</button></form>\
                </section>""", v.dao().id(), path + "/join-proof", r.csrfField());
    }

    private Html proposals(PortalRequest r, UUID id, List<ProposalView> ps, boolean member) {
        if (ps.isEmpty()) {
            return Html.raw("<section class=\"card\"><h2>Proposals</h2><p>No proposals yet.</p></section>");
        }
        List<Html> items = new ArrayList<>();
        for (ProposalView p : ps) {
            boolean open = p.state() == ProposalState.ACTIVE || p.state() == ProposalState.PENDING;
            Html ballot = member && open
                    ? ballot(r, id, p)
                    : Html.EMPTY;
            items.add(Html.of("""
                    <li class="proposal" id="proposal-{}"><p><strong>{}</strong></p><p>Changes: <code>{}</code></p>\
                    <p>State: <span class="proposal-state">{}</span>; for <span class="votes-for">{}</span>, \
                    against <span class="votes-against">{}</span>, abstain {}</p>{}</li>""", p.proposal().id(),
                    p.proposal().description(), String.join(", ", p.proposal().changes().stream()
                            .map(PolicyChanges::format).toList()),
                    p.state(), p.tally().forVotes(), p.tally().against(), p.tally().abstain(), ballot));
        }
        return Html.of("<section class=\"card\"><h2>Proposals</h2><ul class=\"proposals\">{}</ul></section>",
                Html.join(items));
    }

    /** The vote form: every number of votes the credits left allow, each with its cost v². */
    private Html ballot(PortalRequest r, UUID id, ProposalView p) {
        Result<Long> credits = daos.creditsLeft(id, p.proposal().id(), r.account());
        long left = credits.isOk() ? credits.orElseThrow() : 0;
        long max = (long) Math.floor(Math.sqrt((double) left));
        while (max * max > left) {
            max--;
        }
        if (max < 1) {
            return Html.of("<p class=\"credits\">You have {} voting credits left this period: not enough for a "
                    + "vote.</p>", left);
        }
        List<Html> options = new ArrayList<>();
        for (long v = 1; v <= max; v++) {
            options.add(Html.of("<option value=\"{}\">{} vote{} — {} credits</option>", v, v, v == 1 ? "" : "s",
                    v * v));
        }
        return Html.of("""
                <form method="post" action="{}">{}<p class="credits">You have <span class="credits-left">{}</span> \
                voting credits left this period; v votes cost v² credits.</p><label>Your choice <select \
                name="support"><option value="FOR">For</option><option value="AGAINST">Against</option>\
                <option value="ABSTAIN">Abstain</option></select></label> <label>Votes <select name="votes">{}\
                </select></label> <button type="submit">Vote</button></form>""", PATH + "/" + id + "/proposals/"
                + p.proposal().id() + "/vote", r.csrfField(), left, Html.join(options));
    }
}
