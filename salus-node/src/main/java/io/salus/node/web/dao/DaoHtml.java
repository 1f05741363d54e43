package io.salus.node.web.dao;

import io.salus.core.dao.DaoTerms;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.usecase.dao.DaoService.DaoView;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** What the DAO pages of both portals render alike: amounts in tokens, a DAO's terms, path parameters. */
final class DaoHtml {
    private DaoHtml() {
    }

    /** Token units (6 decimals) as tokens, at least two decimals: 1500000 is "1.50". */
    static String tokens(long units) {
        BigDecimal t = BigDecimal.valueOf(units, 6).stripTrailingZeros();
        return (t.scale() < 2 ? t.setScale(2) : t).toPlainString();
    }

    /** Basis points as a percentage: 300 is "3", 250 is "2.5". */
    static String percent(int bps) {
        return BigDecimal.valueOf(bps, 2).stripTrailingZeros().toPlainString();
    }

    /** The DAO's marketplace terms as a definition list (ids prefixed for tests and assistive technology). */
    static Html terms(DaoView v) {
        DaoTerms t = v.terms();
        return Html.of("""
                <dl class="summary dao-terms"><dt>Floor price per patient</dt><dd id="dao-floor">{} tokens</dd>\
                <dt>Treasury share of each price, at least</dt><dd id="dao-share">{} %</dd>\
                <dt>Consumer types allowed</dt><dd id="dao-types">{}</dd>\
                <dt>Purposes allowed</dt><dd id="dao-purposes">{}</dd>\
                <dt>Most privacy budget (ε) a study may spend</dt><dd id="dao-epsilon">{}</dd>\
                <dt>Members</dt><dd id="dao-members">{}</dd></dl>""", tokens(t.floorPrice()),
                percent(t.shareBps()), names(t.consumerTypeSet()),
                names(t.purposeSet()), t.maxEpsilon(), v.members());
    }

    static String admission(DaoView v) {
        return v.dao().scope().isPresent() ? "by a zero-knowledge proof" : "by your verified account";
    }

    static Result<UUID> daoId(PortalRequest r) {
        try {
            return Result.ok(UUID.fromString(r.pathParam("daoId")));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "not a DAO id");
        }
    }

    static Result<BigInteger> proposalId(PortalRequest r) {
        try {
            return Result.ok(new BigInteger(r.pathParam("proposalId")));
        } catch (NumberFormatException e) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "not a proposal id");
        }
    }

    private static String names(Set<? extends Enum<?>> set) {
        return set.isEmpty() ? "none" : set.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
    }
}
