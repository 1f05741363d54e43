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
    CHAIN_BLOCK_SECONDS("salus.chain.block-seconds", "1",
            "Seconds between the local chain's interval blocks; transactions are mined as they arrive whatever it is, "
                    + "so a longer interval only means fewer empty blocks (each of which anvil 1.7.1 pays for in "
                    + "proportion to the chain's state: raise it on a node with hundreds of thousands of patients)."),
    BATCH_SIZE("salus.anchor.batch-size", "1024", "Most records per anchored Merkle batch."),
    BATCH_DELAY_MS("salus.anchor.max-delay-ms", "1000", "Longest a record waits before its batch is cut."),
    WORKER_INTERVAL_MS("salus.anchor.poll-ms", "100", "Interval of the outbox workers."),
    FHIR_R4_RULES("salus.fhir.validate-r4", "true",
            "Check every deposited bundle against FHIR R4's own rules (HAPI's validator, core R4 definitions)."),
    FHIR_MAX_OPENED("salus.fhir.max-opened", "20000",
            "Most records one FHIR read or search may open (decrypt); a broader search is refused (SALUS-1501)."),
    SMART_ACCESS_TOKEN_SECONDS("salus.smart.access-token-seconds", "3600",
            "Lifetime of a SMART access token, in seconds."),
    SMART_REFRESH_TOKEN_DAYS("salus.smart.refresh-token-days", "30",
            "Lifetime of a SMART refresh token, in days (each use rotates it)."),
    OUTBOX_MIN_BACKOFF_MS("salus.outbox.min-backoff-ms", "200",
            "First retry delay of a failed chain write (anchors, registrations); it doubles with each attempt."),
    OUTBOX_MAX_BACKOFF_MS("salus.outbox.max-backoff-ms", "30000", "Longest retry delay of a failed chain write."),
    ACCESS_LOG_POLL_MS("salus.access-log.poll-ms", "1000",
            "Interval of the worker that logs on chain the accesses a release could not log itself."),
    ACCESS_LOG_GRACE_SECONDS("salus.access-log.grace-seconds", "30",
            "How long a release has to log its access on chain before that worker does it instead."),
    PRIVACY_BUDGET("salus.privacy.budget-epsilon", "2",
            "Total epsilon each consumer organisation may spend per privacy period on differentially private cohort "
                    + "counts and deal matches (renews at the start of each period)."),
    PRIVACY_MAX_QUERY_EPSILON("salus.privacy.max-query-epsilon", "1",
            "Largest epsilon one cohort count or deal match may spend."),
    PRIVACY_PERIOD_DAYS("salus.privacy.period-days", "30",
            "Length of a privacy period in days: budgets renew at the start of each (windows from 1970-01-01 UTC)."),
    CATALOG_EPSILON("salus.privacy.catalog-epsilon", "0.5",
            "Epsilon of one release of the cohort builder's code catalogue (a new release every "
                    + "salus.portal.code-catalog-refresh-seconds)."),
    CATALOG_CODES_PER_PATIENT("salus.privacy.catalog-codes-per-patient", "8",
            "How many (code, unit) entries of the code catalogue one patient may count in."),
    CATALOG_DELTA("salus.privacy.catalog-delta", "0.000001",
            "Probability that one catalogue release lists a code only one patient holds (sets its listing threshold)."),
    PORTAL_IDLE_MINUTES("salus.portal.idle-minutes", "15", "Minutes without a request after which a portal session "
            + "ends."),
    PORTAL_SECURE_COOKIE("salus.portal.secure-cookie", "false",
            "Always mark the portal's session cookie Secure (true behind a TLS-terminating proxy; over https it is "
                    + "Secure anyway)."),
    CODE_CATALOG_REFRESH_SECONDS("salus.portal.code-catalog-refresh-seconds", "2592000",
            "How long one differentially private release of the code catalogue is served before the next (each "
                    + "release spends salus.privacy.catalog-epsilon)."),
    RECOVERY_WAITING_SECONDS("salus.recovery.waiting-seconds", "172800",
            "How long a key recovery approved by k guardians waits before it can be completed, for the patient to "
                    + "cancel it (48 hours; the demo uses 10 seconds). Also fixed in GuardianRecovery when the node "
                    + "deploys it."),
    LIMIT_SIGN_IN_BURST("salus.limits.sign-in.burst", "20",
            "Failed sign-ins (API token or portal) a client address may make at once before it is answered 429 "
                    + "(0: no limit)."),
    LIMIT_SIGN_IN_REFILL_SECONDS("salus.limits.sign-in.refill-seconds", "15",
            "Seconds after which a client address may fail one more sign-in."),
    LIMIT_SESSION_BURST("salus.limits.session.burst", "30",
            "Portal sessions one account may open at once (sign-ins with a valid token) before it is answered 429 "
                    + "(0: no limit)."),
    LIMIT_SESSION_REFILL_SECONDS("salus.limits.session.refill-seconds", "60",
            "Seconds after which an account may open one more portal session."),
    LIMIT_DEAL_POST_BURST("salus.limits.deal-post.burst", "60",
            "Deals a client address may post at once, whatever the organisation (each organisation has its own limit, "
                    + "salus.deals.rate-limit.*) (0: no limit)."),
    LIMIT_DEAL_POST_REFILL_SECONDS("salus.limits.deal-post.refill-seconds", "30",
            "Seconds after which a client address may post one more deal."),
    LIMIT_NONCE_BURST("salus.limits.nonce.burst", "20",
            "Presentation nonces an account, and a client address, may ask for at once (0: no limit)."),
    LIMIT_NONCE_REFILL_SECONDS("salus.limits.nonce.refill-seconds", "15",
            "Seconds after which an account (or address) may ask for one more presentation nonce."),
    LIMIT_RECOVERY_OPEN_BURST("salus.limits.recovery-open.burst", "3",
            "Recoveries that may be opened at once for one patient, by one opener, and from one client address "
                    + "(0: no limit)."),
    LIMIT_RECOVERY_OPEN_REFILL_SECONDS("salus.limits.recovery-open.refill-seconds", "3600",
            "Seconds after which one more recovery may be opened (per patient, opener and address)."),
    LIMIT_ACCESS_BURST("salus.limits.access.burst", "600",
            "Access requests (POST /patients/{id}/access) an account, and a client address, may make at once "
                    + "(0: no limit)."),
    LIMIT_ACCESS_REFILL_SECONDS("salus.limits.access.refill-seconds", "1",
            "Seconds after which an account (or address) may make one more access request."),
    LIMIT_ACCESS_DENIED_BURST("salus.limits.access-denied.burst", "10",
            "Denied access requests a requester may make about one patient (each fills that patient's audit trail "
                    + "and alerts) before further requests about them are answered 429 (0: no limit)."),
    LIMIT_ACCESS_DENIED_REFILL_SECONDS("salus.limits.access-denied.refill-seconds", "360",
            "Seconds after which a requester may be denied once more about the same patient."),
    DEVICE_WINDOW("salus.devices.window", "1024",
            "How many batch sequence numbers below a device's highest are remembered (late batches within it fill "
                    + "their gap; older ones are refused as stale)."),
    DEVICE_MAX_READINGS("salus.devices.max-readings", "10000", "Most readings one device batch may carry."),
    DEVICE_CLOCK_SKEW_SECONDS("salus.devices.clock-skew-seconds", "300",
            "How far after the node's clock a device batch may end (device clocks drift)."),
    DEVICE_CACHED_STREAMS("salus.devices.cached-streams", "10000",
            "How many devices' intake state the node keeps in memory between batches."),
    MONITORING_ESCALATION_SECONDS("salus.monitoring.escalation-seconds", "900",
            "How long an urgent alert waits for an acknowledgement before the next contact is notified."),
    MONITORING_TICK_MS("salus.monitoring.tick-ms", "5000",
            "How often the node checks silent streams and due escalations (milliseconds)."),
    MQTT_ENABLED("salus.mqtt.enabled", "false",
            "Take signed device batches over MQTT 5 as well as HTTPS (topic salus/devices/<id>/batches)."),
    MQTT_HOST("salus.mqtt.host", "127.0.0.1", "Interface the embedded MQTT broker listens on."),
    MQTT_PORT("salus.mqtt.port", "1883", "Port of the embedded MQTT broker (0 picks a free one)."),
    MQTT_BROKER_URL("salus.mqtt.broker-url", "",
            "tcp://host:port or ssl://host:port of an external MQTT 5 broker; empty starts the embedded one."),
    MQTT_USERNAME("salus.mqtt.username", "", "User name the node connects to an external MQTT broker with."),
    MQTT_PASSWORD("salus.mqtt.password", "", "Password the node connects to an external MQTT broker with."),
    IMPORT_MAX_BYTES("salus.imports.max-bytes", "268435456",
            "Largest reading import (Apple Health export.xml, FHIR Bundle) accepted, in bytes; it is streamed."),
    IMPORT_MAX_READINGS("salus.imports.max-readings", "500000", "Most readings one import may carry."),
    REGISTRATION_BATCH_SIZE("salus.registration.batch-size", "1000",
            "Most accounts registered on chain per transaction (about 25,000 gas each)."),
    CONSENT_BATCH_SIZE("salus.consent.batch-size", "500",
            "Most signed consent instructions (grants, revocations, delegations) relayed per transaction."),
    EMERGENCY_WINDOW_SECONDS("salus.emergency.window-seconds", "14400",
            "How long a break-the-glass access lets its responder read the patient's emergency profile (4 hours)."),
    PROVIDER_LICENCE_REQUIRED("salus.providers.licence-required", "false",
            "Whether physicians, pharmacies and hospitals must present a valid licence credential of their kind before "
                    + "they deposit or read (a revoked licence always stops them)."),
    DEAL_PROVIDER_LICENCE_REQUIRED("salus.deals.provider-licence-required", "false",
            "Whether deals pay a provider its share only with a presented, valid licence of its kind (a provider "
                    + "with a revoked licence is never paid; its part goes to the patient)."),
    // compute jobs (docs/compute.md)
    JOB_MAX_DEADLINE_MS("salus.jobs.max-deadline-ms", "30000",
            "Longest wall-clock time one run of a job's WebAssembly module may have (and its default), milliseconds."),
    JOB_MEMORY_PAGES("salus.jobs.memory-pages", "256",
            "Linear memory a job's WebAssembly module may use, in 64 KiB pages."),
    // federation (issue 16, docs/federation.md)
    FEDERATION_ENABLED("salus.federation.enabled", "false",
            "On the local chain: deploy an alliance's NodeRegistry with this node as its founding member."),
    FEDERATION_REGISTRY("salus.federation.registry", "",
            "NodeRegistry address of the alliance to join (with salus.chain.rpc-url; the other contracts are read "
                    + "from it)."),
    FEDERATION_ORGANISATION("salus.federation.organisation", "Salus node",
            "Organisation operating this node, as the NodeRegistry lists it."),
    FEDERATION_ENDPOINT("salus.federation.endpoint", "",
            "This node's API address for other nodes; empty: the address the HTTP API listens on."),
    FEDERATION_TIMEOUT_MS("salus.federation.timeout-ms", "3000",
            "How long a federated count waits for each member before its answer is partial (milliseconds)."),
    FEDERATION_SIGNATURE_SECONDS("salus.federation.signature-seconds", "60",
            "Longest validity of a signed node-to-node request (seconds); its nonce is kept that long."),
    FEDERATION_DIRECTORY_CACHE_MS("salus.federation.directory-cache-ms", "2000",
            "How long a node keeps the alliance's member list read from the NodeRegistry before reading it again "
                    + "(0: read the chain on every request); an admission or removal counts at most this much later."),
    LIMIT_FEDERATION_COUNT_BURST("salus.limits.federation-count.burst", "120",
            "Counts (POST /federation/counts) one member node may ask of this node at once (0: no limit)."),
    LIMIT_FEDERATION_COUNT_REFILL_SECONDS("salus.limits.federation-count.refill-seconds", "1",
            "Seconds after which a member node may ask for one more count."),
    KEK_REWRAP_AT_START("salus.keys.rewrap-at-start", "true",
            "After a KEK rotation, re-wrap in the background, while the node serves, everything sealed under older KEK "
                    + "keys (deleting them is ./salus keys retire-old)."),
    CREDITS_RATE("salus.credits.rate", "10",
            "Incentive credits per volume unit of data held per period, when the holding pool covers everyone."),
    CREDITS_TREASURY_SHARE_BPS("salus.credits.treasury-share-bps", "5000",
            "Share (basis points) of the DAO-treasury payments settled in a period that funds its holding credits."),
    CREDITS_FEE_SHARE_BPS("salus.credits.fee-share-bps", "5000",
            "Share (basis points) of the operator fees settled in a period that funds its utilisation credits."),
    CREDITS_EXPECTED_READINGS_PER_DAY("salus.credits.expected-readings-per-day", "1440",
            "Readings a day a device is expected to report, against which stream completeness is measured."),
    CREDITS_RISK_REPORT_PRICE("salus.credits.risk-report-price", "50",
            "What a patient's risk report costs in incentive credits."),
    ALERTS_WEBHOOK_URL("salus.alerts.webhook-url", "",
            "An http(s) address each alert notification is POSTed to (alert id, severity, recipient; never the value); "
                    + "empty: no delivery outside the node."),
    ALERTS_WEBHOOK_SECRET("salus.alerts.webhook-secret", "",
            "Key of the HMAC-SHA256 signature of each webhook body (header X-Salus-Signature); empty: unsigned."),
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
