package io.salus.node.web.dao;

import io.salus.core.dao.PolicyChanges;
import io.salus.core.error.Result;
import io.salus.core.usecase.dao.DaoService;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.PortalRouter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Proposing from the patient portal: a member writes the changes (one per line, in the text form the API and the CLI
 * use: {@code floorPrice=…}, {@code consumerTypes=…}, {@code purposes=…}, {@code maxEpsilon=…}, {@code share=…},
 * {@code approveDeal=0x…}, {@code withdrawDeal=0x…}, {@code grant=0x…:amount}) and a description; the same use case as
 * {@code POST /daos/{id}/proposals} proposes them on chain with the member's key and keeps them for queueing and
 * executing. The governor refuses non-members and changes outside the marketplace policy. Thread-safe.
 */
final class DaoProposalForm {
    private final DaoService daos;

    DaoProposalForm(DaoService daos) {
        this.daos = daos;
    }

    void routes(PortalRouter router) {
        router.action(DaoPatientPages.PATH + "/{daoId}/proposals", this::propose);
        router.notice("dao-proposed", "Your proposal is on the chain. Members vote on it once its voting delay is "
                + "over.");
    }

    Result<String> propose(PortalRequest r) {
        List<String> lines = Arrays.stream(Optional.ofNullable(r.form("changes")).orElse("").split("\\R"))
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
        String description = Optional.ofNullable(r.form("description")).orElse("").strip();
        return DaoHtml.daoId(r).flatMap(id -> PolicyChanges.parseAll(lines).flatMap(cs -> daos.propose(r.account(),
                id, cs, description)).map(p -> DaoPatientPages.PATH + "/" + id + "?notice=dao-proposed#proposal-"
                        + p.id()));
    }

    /** The form, for members only. */
    static Html form(PortalRequest r, UUID id) {
        return Html.of("""
                <section class="card"><h2>Propose</h2><form method="post" action="{}" id="dao-propose">{}\
                <p><label for="proposal-description">What and why</label><input id="proposal-description" \
                name="description" maxlength="2000" required></p><p><label for="proposal-changes">Changes, one per \
                line</label><textarea id="proposal-changes" name="changes" rows="4" cols="60" spellcheck="false" \
                required></textarea></p><p class="hint">One of: <code>floorPrice=</code>token units per patient \
                (1 token = 1000000), <code>consumerTypes=</code>PHARMA,ACADEMIC_RESEARCHER,…, \
                <code>purposes=</code>HRESCH,…, <code>maxEpsilon=</code>0.5, <code>share=</code>basis points of \
                each deal, <code>approveDeal=</code>0x… (a deal id), <code>withdrawDeal=</code>0x…, \
                <code>grant=</code>0x…address:token units from the treasury.</p><button type="submit" \
                id="dao-propose-submit">Propose</button></form></section>""", DaoPatientPages.PATH + "/" + id
                + "/proposals", r.csrfField());
    }
}
