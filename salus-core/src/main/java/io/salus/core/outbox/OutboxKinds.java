package io.salus.core.outbox;

/** The kinds of outbox message. */
public final class OutboxKinds {
    /** Written with every deposit; consumed when all the deposit's records are in a batch. */
    public static final String ANCHOR_DEPOSIT = "anchor-deposit";
    /** Written when a batch is cut; delivered by anchoring its root on chain. Payload: batchKey, root, size. */
    public static final String ANCHOR_BATCH = "anchor-batch";
    /** Written with every new account; delivered by IdentityRegistry.register. Payload: accountId, address, kind. */
    public static final String REGISTER_ACCOUNT = "register-account";

    /**
     * Written with every released access's audit entry; delivered by AccessLog.logAccess (synchronously by the release,
     * by the worker only after a grace period if that failed). Payload: entryId, auditHash, patient, requester,
     * categories, purpose, grantId.
     */
    public static final String ACCESS_LOG = "access-log";

    /**
     * Written with every device registration and retirement; delivered by DeviceRegistry.register / retire (only the
     * device id and the hash of its public key go on chain). Payload: deviceId, keyHash, and retiredAt for a retirement.
     */
    public static final String REGISTER_DEVICE = "register-device";
    public static final String RETIRE_DEVICE = "retire-device";

    private OutboxKinds() {
    }
}
