package io.salus.core.usecase.dao;

import io.salus.core.account.EvmAddress;
import io.salus.core.dao.Dao;
import io.salus.core.dao.DaoContracts;
import io.salus.core.dao.DealCandidate;
import io.salus.core.port.DaoLedger;
import io.salus.core.port.DaoStore;
import io.salus.core.usecase.deal.DaoAdmission;
import java.util.List;
import java.util.function.Function;

/**
 * {@link DaoAdmission} from the node's DAOs: asks each DAO's policy on chain, once per match, whether it admits the
 * deal; a patient who is a member of any DAO that does not is left out of the cohort. A member of DAOs that all admit
 * it pays its treasury part to the <em>earliest founded</em> of them whose treasury DataDeals has registered (the
 * store's founding order, then id: deterministic, and a later DAO cannot take an earlier one's members' share); a
 * DAO whose treasury is not registered (founded before the registry) leaves its members' part to the default payee.
 * Membership is asked per patient and DAO (one call each), only when the node has DAOs. Thread-safe.
 */
public final class DaoMatchFilter implements DaoAdmission {
    private final DaoStore store;
    private final DaoLedger ledger;

    public DaoMatchFilter(DaoStore store, DaoLedger ledger) {
        this.store = store;
        this.ledger = ledger;
    }

    @Override
    public Function<EvmAddress, Verdict> forDeal(DealCandidate deal) {
        List<DaoContracts> all = store.all().stream().map(Dao::contracts).toList();
        if (all.isEmpty()) {
            return patient -> Verdict.NO_DAO;
        }
        List<DaoContracts> refusing = all.stream().filter(c -> !ledger.admits(c, deal)).toList();
        List<DaoContracts> paid = all.stream().filter(c -> !refusing.contains(c))
                .filter(ledger::treasuryRegistered).toList();
        return patient -> {
            if (refusing.stream().anyMatch(c -> ledger.isMember(c, patient))) {
                return Verdict.REFUSED;
            }
            return paid.stream().filter(c -> ledger.isMember(c, patient)).findFirst()
                    .map(c -> Verdict.paying(c.treasury())).orElse(Verdict.NO_DAO);
        };
    }
}
