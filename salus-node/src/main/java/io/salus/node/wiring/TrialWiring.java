package io.salus.node.wiring;

import ca.uhn.fhir.context.FhirContext;
import io.salus.chain.consent.EvmSigner;
import io.salus.chain.trial.EvmTrialLedger;
import io.salus.chain.trial.TrialDeployment;
import io.salus.core.account.EvmAddress;
import io.salus.core.port.KeyManager;
import io.salus.core.port.Outbox;
import io.salus.core.usecase.trial.PatientInvitations;
import io.salus.core.usecase.trial.SponsorDesk;
import io.salus.core.usecase.trial.StudyPosting;
import io.salus.core.usecase.trial.TrialFunding;
import io.salus.core.usecase.trial.TrialMilestones;
import io.salus.core.usecase.trial.TrialPayments;
import io.salus.core.usecase.trial.TrialWorker;
import io.salus.fhir.trial.HapiTrialFhir;
import io.salus.node.config.NodeSettings;
import io.salus.store.PostgresTrialStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires clinical-trial recruitment (issue 19 item 2, docs/care.md): TrialEscrow on the payment token (deployed by the
 * relayer, its enroller, on first start; its address in {@code <data dir>/trial-escrow.json}), the PostgreSQL store
 * (V100) with its outbox messages, the HAPI ResearchStudy/ResearchSubject builder, the marketplace's cohort query and
 * discovery (the organisation's privacy budget) and the custodial keys for sponsors' funding and agent-mode patients'
 * consent signatures. The worker retries deliveries the requests could not finish (its parts are here so that a
 * test can run a worker of its own on another clock).
 */
public record TrialWiring(StudyPosting posting, SponsorDesk sponsors, PatientInvitations patients,
        TrialWorker worker, EvmTrialLedger ledger, PostgresTrialStore store, TrialFunding funding,
        TrialPayments payments, Outbox outbox, TrialMilestones milestones) {
    /** How long a request's own chain write is left alone before the worker may retry it. */
    static final Duration GRACE = Duration.ofSeconds(30);

    static TrialWiring wire(NodeSettings s, Storage storage, Engines.Chain chain, MarketWiring market,
            KeyManager keys, Clock clock, SecureRandom random) {
        EvmAddress token = market.dealLedger().token();
        EvmTrialLedger ledger = EvmTrialLedger.on(chain.ledger(), TrialDeployment.ensureDeployed(chain.ledger(),
                token, s.dataDir().resolve("trial-escrow.json")), token,
                address -> chain.local().ifPresent(l -> l.fund(address)));
        PostgresTrialStore store = new PostgresTrialStore(storage.jdbi(), GRACE);
        HapiTrialFhir fhir = new HapiTrialFhir(FhirContext.forR4Cached());
        TrialFunding funding = new TrialFunding(store, ledger, storage.accounts(), keys, storage.outbox(), clock);
        TrialPayments payments = new TrialPayments(store, ledger, storage.outbox(), clock);
        TrialMilestones milestones = new TrialMilestones(store, ledger, storage.accounts(), keys, storage.outbox(),
                clock);
        EvmSigner signer = new EvmSigner();
        return new TrialWiring(new StudyPosting(market.query(), market.budget(), fhir, store, funding, random, clock),
                new SponsorDesk(store, market.query(), market.discovery(), storage.accounts(), funding, ledger,
                        clock),
                new PatientInvitations(store, market.query(), storage.accounts(), keys, signer, signer::recover,
                        ledger, fhir, payments, clock),
                new TrialWorker(storage.outbox(), funding, payments, milestones, clock, GRACE), ledger, store, funding,
                payments, storage.outbox(), milestones);
    }
}
