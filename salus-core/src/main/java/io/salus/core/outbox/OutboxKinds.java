package io.salus.core.outbox;

/** The kinds of outbox message. */
public final class OutboxKinds {
    /** Written with every deposit; consumed when all the deposit's records are in a batch. */
    public static final String ANCHOR_DEPOSIT = "anchor-deposit";
    /** Written when a batch is cut; delivered by anchoring its root on chain. Payload: batchKey, root, size. */
    public static final String ANCHOR_BATCH = "anchor-batch";
    /** Written with every new account; delivered by IdentityRegistry.register. Payload: accountId, address, kind. */
    public static final String REGISTER_ACCOUNT = "register-account";

    private OutboxKinds() {
    }
}
