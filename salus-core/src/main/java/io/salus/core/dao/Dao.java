package io.salus.core.dao;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A DAO the node founded: its id, name, contracts, admission scope (empty: by credential) and founding time. */
public record Dao(UUID id, String name, DaoContracts contracts, Optional<BigInteger> scope, Instant createdAt) {
    public Dao {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contracts, "contracts");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
