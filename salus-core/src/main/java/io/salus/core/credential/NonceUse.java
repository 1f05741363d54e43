package io.salus.core.credential;

/** What became of a presentation nonce when a presentation tried to use it. */
public enum NonceUse {
    /** Issued to this caller, unexpired and unused: now used. */
    ACCEPTED,
    /** Issued to this caller and already used: a replay. */
    ALREADY_USED,
    /** Never issued, issued to another account, or expired. */
    UNKNOWN
}
