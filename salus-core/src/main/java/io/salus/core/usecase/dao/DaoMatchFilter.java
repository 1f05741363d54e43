package io.salus.core.usecase.dao;

import io.salus.core.account.EvmAddress;
import io.salus.core.dao.Dao;
import io.salus.core.dao.DaoContracts;
import io.salus.core.dao.DealCandidate;
import io.salus.core.port.DaoLedger;
import io.salus.core.port.DaoStore;
import io.salus.core.usecase.deal.DaoAdmission;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@link DaoAdmission} from the node's DAOs: asks each DAO's policy on chain, once per match, whether it admits the
 * deal; a patient who is a member of any DAO that does not is left out of the cohort. Thread-safe.
 */
public final class DaoMatchFilter implements DaoAdmission {
    private final DaoStore store;
    private final DaoLedger ledger;

    public DaoMatchFilter(DaoStore store, DaoLedger ledger) {
        this.store = store;
        this.ledger = ledger;
    }

    @Override
    public Predicate<EvmAddress> forDeal(DealCandidate deal) {
        List<DaoContracts> refusing = store.all().stream().map(Dao::contracts).filter(c -> !ledger.admits(c, deal))
                .toList();
        if (refusing.isEmpty()) {
            return patient -> true;
        }
        return patient -> refusing.stream().noneMatch(c -> ledger.isMember(c, patient));
    }
}
