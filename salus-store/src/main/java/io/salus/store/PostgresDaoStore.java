package io.salus.store;

import io.salus.core.account.EvmAddress;
import io.salus.core.dao.Dao;
import io.salus.core.dao.DaoContracts;
import io.salus.core.dao.PolicyChange;
import io.salus.core.dao.PolicyChanges;
import io.salus.core.dao.Proposal;
import io.salus.core.port.DaoStore;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** {@link DaoStore} in PostgreSQL (migration V90). Saving a proposal twice keeps the first. Thread-safe. */
public final class PostgresDaoStore implements DaoStore {
    private static final String DAO_COLUMNS = "id, name, membership, policy, governor, timelock, scope, created_at";
    private final Transactions tx;

    public PostgresDaoStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public void save(Dao dao) {
        DaoContracts c = dao.contracts();
        tx.inTransaction("save the DAO " + dao.id(), h -> h.createUpdate("INSERT INTO dao (" + DAO_COLUMNS + ") "
                + "VALUES (:id, :name, :m, :p, :g, :t, :scope, :at) ON CONFLICT (id) DO NOTHING")
                .bind("id", dao.id()).bind("name", dao.name()).bind("m", c.membership().hex())
                .bind("p", c.policy().hex()).bind("g", c.governor().hex()).bind("t", c.timelock().hex())
                .bind("scope", dao.scope().map(BigDecimal::new).orElse(null))
                .bind("at", Sql.ts(dao.createdAt())).execute());
    }

    @Override
    public Optional<Dao> find(UUID id) {
        return tx.inTransaction("find the DAO " + id, h -> h.createQuery("SELECT " + DAO_COLUMNS
                + " FROM dao WHERE id = :id").bind("id", id).map((rs, ctx) -> dao(rs)).findOne());
    }

    @Override
    public List<Dao> all() {
        return tx.inTransaction("list the DAOs", h -> h.createQuery("SELECT " + DAO_COLUMNS
                + " FROM dao ORDER BY created_at, id").map((rs, ctx) -> dao(rs)).list());
    }

    @Override
    public void saveProposal(UUID dao, Proposal p) {
        tx.inTransaction("save a proposal of the DAO " + dao, h -> h.createUpdate("""
                INSERT INTO dao_proposal (dao, id, changes, description) VALUES (:dao, :id, :changes, :d)
                ON CONFLICT (dao, id) DO NOTHING""").bind("dao", dao).bind("id", new BigDecimal(p.id()))
                .bind("changes", Sql.textArray(p.changes().stream().map(PolicyChanges::format).toList()))
                .bind("d", p.description()).execute());
    }

    @Override
    public Optional<Proposal> proposal(UUID dao, BigInteger id) {
        return tx.inTransaction("find a proposal of the DAO " + dao, h -> h.createQuery(
                "SELECT id, changes, description FROM dao_proposal WHERE dao = :dao AND id = :id").bind("dao", dao)
                .bind("id", new BigDecimal(id)).map((rs, ctx) -> proposal(rs)).findOne());
    }

    @Override
    public List<Proposal> proposals(UUID dao) {
        return tx.inTransaction("list the proposals of the DAO " + dao, h -> h.createQuery(
                "SELECT id, changes, description FROM dao_proposal WHERE dao = :dao ORDER BY seq").bind("dao", dao)
                .map((rs, ctx) -> proposal(rs)).list());
    }

    private static Dao dao(ResultSet rs) throws SQLException {
        BigDecimal scope = rs.getBigDecimal("scope");
        return new Dao(Sql.uuid(rs, "id"), rs.getString("name"), new DaoContracts(
                new EvmAddress(rs.getString("membership")), new EvmAddress(rs.getString("policy")),
                new EvmAddress(rs.getString("governor")), new EvmAddress(rs.getString("timelock"))),
                Optional.ofNullable(scope).map(BigDecimal::toBigIntegerExact), Sql.instant(rs, "created_at"));
    }

    private static Proposal proposal(ResultSet rs) throws SQLException {
        List<PolicyChange> changes = Arrays.stream(Sql.textArray(rs, "changes"))
                .map(c -> PolicyChanges.parse(c).orElseThrow()).toList();
        return new Proposal(rs.getBigDecimal("id").toBigIntegerExact(), changes, rs.getString("description"));
    }
}
