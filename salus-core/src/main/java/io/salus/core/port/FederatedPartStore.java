package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.fdeal.StoredPart;
import io.salus.core.merkle.Hash32;
import java.util.Optional;

/**
 * PostgreSQL state of federated deals at a node (decision 0035): the deals its consumers opened here (home side) and
 * its own parts of any federated deal (member side). Thread-safe.
 */
public interface FederatedPartStore {

    /** Records a federated deal opened by a consumer of this node on the escrow {@code contract}. */
    void opened(Hash32 dealId, AccountId consumer, EvmAddress contract);

    /** The consumer and contract of a deal opened here. */
    Optional<Opened> openedDeal(Hash32 dealId);

    /** Stores this node's staged part (before anything is settled); a second call for the deal is ignored. */
    void staged(StoredPart part);

    void settled(Hash32 dealId);

    Optional<StoredPart> part(Hash32 dealId);

    /** A federated deal opened at this node. */
    record Opened(Hash32 dealId, AccountId consumer, EvmAddress contract) {
    }
}
