package io.salus.bench;

import io.salus.bench.population.PatientGenerator;
import io.salus.node.wiring.Node;

/**
 * What a benchmark runs against: the running node (real engines), the population generator (seeded), the population
 * scale, the sample of patients pushed through end-to-end paths, how many times to repeat each measurement and where
 * to report progress. Immutable; the node is thread-safe.
 *
 * @param scale the population size (patients)
 * @param sample patients deposited end to end (a sample of the population)
 * @param repeats measurements per figure
 * @param threads client threads for end-to-end work
 * @param quick smoke size: JMH without fork or warm-up, one short iteration
 */
public record BenchContext(Node node, PatientGenerator population, long scale, int sample, int repeats, int threads,
        boolean quick, Progress progress) {
}
