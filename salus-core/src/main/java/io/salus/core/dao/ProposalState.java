package io.salus.core.dao;

/** The states of a DAO proposal, in the governor's order (OpenZeppelin's {@code IGovernor.ProposalState}). */
public enum ProposalState {
    PENDING,
    ACTIVE,
    CANCELED,
    DEFEATED,
    SUCCEEDED,
    QUEUED,
    EXPIRED,
    EXECUTED;

    public static ProposalState ofChain(int ordinal) {
        return values()[ordinal];
    }
}
