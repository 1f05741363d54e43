package io.salus.compute.cohort;

import io.salus.core.cohort.CodeSystems;
import io.salus.core.cohort.Criterion;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.PatientFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Count latency over a synthetic population (not a test; run by hand):
 * {@code ./mvnw -q -pl salus-compute test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.salus.compute.cohort.CohortCountThroughput -Dexec.args="PATIENTS QUERIES"}. Each patient gets a
 * birth date, a sex, a few of 200 conditions and 100 medications, and yearly HbA1c and BMI readings over 2015-2024.
 * Prints load time and count p50/p99 for a set of criteria (the documented example among them).
 */
public final class CohortCountThroughput {
    private CohortCountThroughput() {
    }

    public static void main(String[] args) {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        SplittableRandom r = new SplittableRandom(42);
        RoaringCohortIndex index = RoaringCohortIndex.withOwnOrdinals();
        long t0 = System.nanoTime();
        index.bulkLoad(() -> load(index, patients, r));
        System.out.printf("loaded %d patients in %.1f s%n", patients, (System.nanoTime() - t0) / 1e9);
        count(index, queries);
    }

    private static void load(RoaringCohortIndex index, int patients, SplittableRandom r) {
        List<Feature> fs = new ArrayList<>();
        for (int p = 0; p < patients; p++) {
            fs.clear();
            index.putFacts(p, new PatientFacts(Optional.of(LocalDate.of(1930, 1, 1).plusDays(r.nextInt(33_000))),
                    Optional.of(r.nextBoolean() ? "female" : "male")));
            for (int i = r.nextInt(6); i > 0; i--) {
                fs.add(Feature.coded(FeatureKind.CONDITION, CodeSystems.SNOMED_CT, code(r, 200),
                        Optional.of(date(r))));
            }
            for (int i = r.nextInt(4); i > 0; i--) {
                fs.add(Feature.coded(FeatureKind.MEDICATION, CodeSystems.RXNORM, code(r, 100), Optional.of(date(r))));
            }
            boolean diabetic = r.nextInt(10) == 0;
            for (int y = 2015; y < 2025; y++) {
                LocalDate d = LocalDate.of(y, 1, 1).plusDays(r.nextInt(365));
                double a1c = Math.round((diabetic ? 6.0 + r.nextDouble() * 3 : 4.5 + r.nextDouble() * 1.5) * 10) / 10.0;
                fs.add(new Feature(FeatureKind.OBSERVATION, CodeSystems.LOINC, "4548-4", Optional.of(a1c),
                        Optional.of("%"), Optional.of(d)));
                fs.add(new Feature(FeatureKind.OBSERVATION, CodeSystems.LOINC, "39156-5",
                        Optional.of(18 + r.nextDouble() * 20), Optional.of("kg/m2"), Optional.of(d)));
            }
            index.add(p, fs);
        }
    }

    private static void count(RoaringCohortIndex index, int queries) {
        CriteriaParser parser = new CriteriaParser();
        List<String> criteria = List.of(
                "{\"condition\":{\"system\":\"snomed\",\"code\":\"c7\"}}",
                "{\"all\":[{\"condition\":{\"system\":\"snomed\",\"code\":\"c7\"}},{\"observation\":{\"system\":"
                        + "\"loinc\",\"code\":\"4548-4\",\"value\":{\">=\":6.5,\"unit\":\"%\"}}},{\"not\":{"
                        + "\"medication\":{\"system\":\"rxnorm\",\"code\":\"c3\"}}},{\"age\":{\"min\":40,\"max\":75}},"
                        + "{\"sex\":\"female\"}],\"window\":{\"from\":\"2020-01-01\",\"to\":\"2025-12-31\"}}",
                "{\"observation\":{\"system\":\"loinc\",\"code\":\"39156-5\",\"value\":{\">\":30,\"unit\":\"kg/m2\"},"
                        + "\"window\":{\"from\":\"2021-03-15\",\"to\":\"2022-06-30\"}}}",
                "{\"any\":[{\"condition\":{\"system\":\"snomed\",\"code\":\"c1\"}},{\"condition\":{\"system\":"
                        + "\"snomed\",\"code\":\"c2\"}},{\"medication\":{\"system\":\"rxnorm\",\"code\":\"c9\"}}]}");
        LocalDate at = LocalDate.of(2026, 1, 1);
        for (String json : criteria) {
            Criterion c = parser.parse(json).orElseThrow();
            for (int w = 0; w < 20; w++) {
                index.count(c, at);
            }
            long[] ns = new long[queries];
            long count = 0;
            for (int q = 0; q < queries; q++) {
                long s = System.nanoTime();
                count = index.count(c, at);
                ns[q] = System.nanoTime() - s;
            }
            Arrays.sort(ns);
            System.out.printf("count=%d p50=%.2f ms p99=%.2f ms  %s%n", count, ns[queries / 2] / 1e6,
                    ns[queries * 99 / 100] / 1e6, json.length() > 90 ? json.substring(0, 90) + "..." : json);
        }
    }

    private static String code(SplittableRandom r, int n) {
        double u = r.nextDouble();
        return "c" + (int) (n * u * u);
    }

    private static LocalDate date(SplittableRandom r) {
        return LocalDate.of(2005, 1, 1).plusDays(r.nextInt(7_300));
    }
}
