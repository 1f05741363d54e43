package io.salus.core.dao;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * What founds a DAO: its name, how people join ({@code scope} present: by a zero-knowledge proof of eligibility in that
 * AttributeGate scope, keyed by the proof's nullifier; empty: by a verified credential subject, vouched for by the
 * node), its initial terms and its governance.
 */
public record DaoCharter(String name, Optional<BigInteger> scope, DaoTerms terms, DaoGovernance governance) {
    public DaoCharter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(governance, "governance");
    }

    public boolean byProof() {
        return scope.isPresent();
    }
}
