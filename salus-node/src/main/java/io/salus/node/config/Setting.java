package io.salus.node.config;

import java.util.Locale;

/**
 * Every configuration key of a node, with its default and what it does. Values come, in rising priority, from the
 * defaults, {@code <data dir>/salus.properties}, environment variables ({@code SALUS_HTTP_PORT} for
 * {@code salus.http.port}) and command-line {@code --set key=value}.
 */
public enum Setting {
    DATA_DIR("salus.data-dir", "./data", "Directory holding all node state (database, chain, keys)."),
    HTTP_HOST("salus.http.host", "127.0.0.1", "Interface the HTTP API listens on."),
    HTTP_PORT("salus.http.port", "7070", "HTTP port (0 picks a free one)."),
    MAX_BODY_BYTES("salus.http.max-body-bytes", "16777216", "Largest deposit body accepted, in bytes."),
    DB_URL("salus.db.url", "", "JDBC URL of an external PostgreSQL; empty starts the embedded one."),
    DB_USER("salus.db.user", "postgres", "Database user for an external PostgreSQL."),
    DB_PASSWORD("salus.db.password", "", "Database password for an external PostgreSQL."),
    CHAIN_RPC_URL("salus.chain.rpc-url", "", "JSON-RPC URL of an external chain (Besu); empty starts a local anvil."),
    CHAIN_ID("salus.chain.id", "31337", "Chain id."),
    IDENTITY_REGISTRY("salus.chain.contracts.identity-registry", "", "IdentityRegistry address (external chain)."),
    RECORD_REGISTRY("salus.chain.contracts.record-registry", "", "RecordRegistry address (external chain)."),
    ISSUER_REGISTRY("salus.chain.contracts.issuer-registry", "", "IssuerRegistry address (external chain)."),
    CONSENT_REGISTRY("salus.chain.contracts.consent-registry", "", "ConsentRegistry address (external chain)."),
    ACCESS_LOG("salus.chain.contracts.access-log", "", "AccessLog address (external chain)."),
    PAYMENT_TOKEN("salus.chain.contracts.payment-token", "", "PaymentToken address (external chain)."),
    DATA_DEALS("salus.chain.contracts.data-deals", "", "DataDeals address (external chain)."),
    RELAYER_KEY_FILE("salus.chain.relayer-key-file", "",
            "File holding the relayer's hex private key (external chain); the local chain uses a node key generated "
                    + "into <data dir>/keys/node-keys.json, never an API account's key."),
    DEAL_POLICY("salus.chain.contracts.deal-policy", "", "DealPolicy address (external chain)."),
    DEAL_TIMELOCK("salus.chain.contracts.deal-timelock", "", "DealTimelock address (external chain)."),
    DEAL_TIMELOCK_SECONDS("salus.deals.timelock-seconds", "172800",
            "Minimum delay of the DealTimelock deployed on the local chain: how long every change of payees, matcher "
                    + "or split policy waits before it takes effect."),
    DEAL_MATCH_EPSILON("salus.deals.match-epsilon", "1.0",
            "Privacy budget (epsilon) a deal match costs the consumer organisation, unless the request names one."),
    DEAL_MIN_ESCROW("salus.deals.min-escrow", "1000000",
            "Least escrow (price x maxPatients, token units of 6 decimals) a deal may hold."),
    DEAL_DELIVERY_MARGIN_SECONDS("salus.deals.delivery-margin-seconds", "600",
            "A deal whose deadline is nearer than this is not delivered (its settlement could not be mined in time)."),
    DEAL_RATE_BURST("salus.deals.rate-limit.burst", "30",
            "Deal posts (and, separately, matches) an organisation may make at once."),
    DEAL_RATE_REFILL_SECONDS("salus.deals.rate-limit.refill-seconds", "60",
            "Seconds after which an organisation may post (or match) one more deal."),
    ANVIL_BINARY("salus.chain.anvil", "",
            "Path of the anvil binary; empty finds it under salus-contracts/node_modules."),
    SNAPSHOT_SECONDS("salus.chain.snapshot-seconds", "10", "Seconds between snapshots of the local chain state."),
    BATCH_SIZE("salus.anchor.batch-size", "1024", "Most records per anchored Merkle batch."),
    BATCH_DELAY_MS("salus.anchor.max-delay-ms", "1000", "Longest a record waits before its batch is cut."),
    WORKER_INTERVAL_MS("salus.anchor.poll-ms", "100", "Interval of the outbox workers."),
    OUTBOX_MIN_BACKOFF_MS("salus.outbox.min-backoff-ms", "200",
            "First retry delay of a failed chain write (anchors, registrations); it doubles with each attempt."),
    OUTBOX_MAX_BACKOFF_MS("salus.outbox.max-backoff-ms", "30000", "Longest retry delay of a failed chain write."),
    ACCESS_LOG_POLL_MS("salus.access-log.poll-ms", "1000",
            "Interval of the worker that logs on chain the accesses a release could not log itself."),
    ACCESS_LOG_GRACE_SECONDS("salus.access-log.grace-seconds", "30",
            "How long a release has to log its access on chain before that worker does it instead."),
    PRIVACY_BUDGET("salus.privacy.budget-epsilon", "10.0",
            "Total epsilon each consumer organisation may spend on differentially private cohort counts."),
    PORTAL_IDLE_MINUTES("salus.portal.idle-minutes", "15", "Minutes without a request after which a portal session "
            + "ends."),
    PORTAL_SECURE_COOKIE("salus.portal.secure-cookie", "false",
            "Always mark the portal's session cookie Secure (true behind a TLS-terminating proxy; over https it is "
                    + "Secure anyway)."),
    CODE_CATALOG_REFRESH_SECONDS("salus.portal.code-catalog-refresh-seconds", "60",
            "How often the cohort builder re-reads which codes the node holds."),
    REGISTRATION_BATCH_SIZE("salus.registration.batch-size", "1000",
            "Most accounts registered on chain per transaction (about 25,000 gas each)."),
    CONSENT_BATCH_SIZE("salus.consent.batch-size", "500",
            "Most signed consent instructions (grants, revocations, delegations) relayed per transaction."),
    DEBUG("salus.debug", "", "Any value makes the command line print the stack trace of a failure.");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** {@code salus.http.port} → {@code SALUS_HTTP_PORT}. */
    public String envName() {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
