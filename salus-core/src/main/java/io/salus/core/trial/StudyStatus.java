package io.salus.core.trial;

/** Where a study's escrow stands: not (yet) funded on chain, funded, or refunded after its deadline. */
public enum StudyStatus {
    UNFUNDED,
    FUNDED,
    REFUNDED
}
