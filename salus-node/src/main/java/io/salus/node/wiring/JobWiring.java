package io.salus.node.wiring;

import io.salus.compute.sandbox.ChicoryModuleRunner;
import io.salus.core.compute.DpGradientDescent;
import io.salus.core.compute.NoisySum;
import io.salus.core.job.JobLimits;
import io.salus.core.job.ReleaseGate;
import io.salus.core.port.Ledger;
import io.salus.core.privacy.CountRelease;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.job.CohortReader;
import io.salus.core.usecase.job.JobQueries;
import io.salus.core.usecase.job.JobRecords;
import io.salus.core.usecase.job.JobRunner;
import io.salus.core.usecase.job.JobSubmission;
import io.salus.fhir.FeatureExtractor;
import io.salus.node.config.NodeSettings;
import io.salus.store.PostgresJobStore;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Wires compute jobs (decision 0020): their PostgreSQL store, submission and approval against the deal's terms, the
 * runner (cohort reader over the deal's categories, release gate, Chicory sandbox, privacy budget, the deal's
 * package as the result) and its on-chain records through the outbox, and the consumer's queries.
 */
record JobWiring(JobSubmission submission, JobRunner runner, JobRecords records, JobQueries queries) {

    static JobWiring wire(NodeSettings s, Storage storage, MarketWiring market, Ledger ledger, RecordService records,
            SecureRandom random, Clock clock) {
        PostgresJobStore store = new PostgresJobStore(storage.jdbi());
        JobLimits limits = s.jobLimits();
        JobRunner runner = new JobRunner(store, storage.accounts(), market.results(), new CohortReader(
                storage.records(), records, new FeatureExtractor(), clock),
                new ReleaseGate(new CountRelease(random), new NoisySum(random), new DpGradientDescent(random)),
                new ChicoryModuleRunner(), market.budget(), limits, random, clock);
        return new JobWiring(new JobSubmission(store, market.results(), limits, random, clock), runner,
                new JobRecords(storage.outbox(), ledger, s.outboxMinBackoff(), s.outboxMaxBackoff(), clock),
                new JobQueries(store, market.queries(), market.delivery(), clock));
    }
}
