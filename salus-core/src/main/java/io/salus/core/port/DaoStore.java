package io.salus.core.port;

import io.salus.core.dao.Dao;
import io.salus.core.dao.Proposal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The DAOs the node founded and the proposals made through it (their actions, needed to queue and execute). */
public interface DaoStore {
    void save(Dao dao);

    Optional<Dao> find(UUID id);

    List<Dao> all();

    void saveProposal(UUID dao, Proposal proposal);

    Optional<Proposal> proposal(UUID dao, BigInteger id);

    List<Proposal> proposals(UUID dao);
}
