package io.salus.node.web.dao;

import io.salus.core.account.AccountKind;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.usecase.dao.DaoService;
import io.salus.core.usecase.dao.DaoService.DaoView;
import io.salus.node.web.Html;
import io.salus.node.web.NavLink;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.PortalRouter;
import io.salus.node.web.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The consumer portal's view of patient data DAOs: each DAO's terms a deal must meet to reach its members (floor
 * price, treasury share, consumer types, purposes, ε) and the deals it approved by name. Read through the same use
 * case as {@code GET /daos}; the terms are read from the chain on every request. Thread-safe.
 */
public final class DaoConsumerPages implements PortalModule {
    static final String PATH = "/portal/consumer/daos";
    private final DaoService daos;

    public DaoConsumerPages(DaoService daos) {
        this.daos = daos;
    }

    @Override
    public Set<AccountKind> kinds() {
        return Set.of(AccountKind.CONSUMER);
    }

    @Override
    public String home() {
        return PATH;
    }

    @Override
    public List<NavLink> nav() {
        return List.of(new NavLink(PATH, "DAO terms"));
    }

    @Override
    public void routes(PortalRouter router) {
        router.page(PATH, this::show);
    }

    Result<View> show(PortalRequest r) {
        List<Html> sections = new ArrayList<>();
        for (DaoView v : daos.all()) {
            Result<List<Hash32>> approved = daos.approvedDeals(v.dao().id());
            if (!approved.isOk()) {
                return approved.propagate();
            }
            List<Html> deals = approved.orElseThrow().stream().map(d -> Html.of("<li><code>{}</code></li>", d.hex()))
                    .toList();
            sections.add(Html.of("""
                    <section class="card dao" id="dao-{}"><h2>{}</h2><p>Members join {}.</p>{}\
                    <h3>Deals approved by name</h3>{}</section>""", v.dao().id(), v.dao().name(),
                    DaoHtml.admission(v), DaoHtml.terms(v), deals.isEmpty()
                            ? Html.raw("<p class=\"dao-approved\">None.</p>")
                            : Html.of("<ul class=\"dao-approved\">{}</ul>", Html.join(deals))));
        }
        Html intro = Html.raw("<p>A deal reaches a DAO's members only if it offers at least the DAO's floor price per "
                + "patient, gives its treasury at least its share, and either fits its allowed consumer types, "
                + "purposes and ε or was approved by name. The members change these terms by quadratic vote; a change "
                + "applies to deals matched after it.</p>");
        return Result.ok(View.of("Patient data DAOs", sections.isEmpty()
                ? Html.concat(intro, Html.raw("<p>No DAO has been founded on this node.</p>"))
                : Html.concat(intro, Html.join(sections))));
    }
}
