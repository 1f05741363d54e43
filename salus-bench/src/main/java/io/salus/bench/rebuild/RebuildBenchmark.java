package io.salus.bench.rebuild;

import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Comparison;
import io.salus.bench.Numbers;
import io.salus.bench.Outcome;
import io.salus.bench.Outcome.Check;
import io.salus.bench.Parallel;
import io.salus.bench.Progress;
import io.salus.bench.Spread;
import io.salus.bench.cohort.CohortQuery;
import io.salus.compute.cohort.RoaringCohortIndex;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.record.RecordId;
import io.salus.core.record.StoredRecord;
import io.salus.core.usecase.DepositService;
import io.salus.fhir.FeatureExtractor;
import io.salus.node.wiring.Node;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The decision of issue 13 on cohort features at rest: keep them sealed under the KEK in PostgreSQL (one sealed set
 * per deposit) and open them to rebuild the in-memory cohort index at start, or keep them only in memory and rebuild
 * the index from the sealed records (open each record through its node-wrapped data key, check it, extract its
 * features). Both rebuilds run on the same node, over the same deposited patients, in the same run; the second is also
 * timed without its database reads (opening and extraction only), its floor with any storage layout. Check: both
 * indexes count every standard criterion alike. Not thread-safe.
 */
public final class RebuildBenchmark implements Benchmark {
    private static final LocalDate AT = LocalDate.of(2025, 1, 1);
    private long records;

    @Override
    public String name() {
        return "rebuild";
    }

    @Override
    public void setup(BenchContext ctx) {
        Node node = ctx.node();
        try (Progress.Step step = ctx.progress().start("rebuild setup: deposits", ctx.sample())) {
            Parallel.run(ctx.threads(), ctx.sample(), i -> {
                Account patient = node.accounts().open(AccountKind.PATIENT, "rebuild patient " + i).orElseThrow()
                        .account();
                node.deposits().deposit(new DepositService.Command(patient, patient.id(),
                        ctx.population().bundle(30_000_000L + i), Optional.empty(), "bench")).orElseThrow();
                step.stepBy(1);
            });
        }
        records = node.recordStore().stats().records();
    }

    private record Rebuilt(RoaringCohortIndex index, double seconds) {
    }

    private static Rebuilt fromSealedFeatures(Node node) {
        long start = System.nanoTime();
        RoaringCohortIndex index = RoaringCohortIndex.rebuild(node.featureStore(), RoaringCohortIndex
                .withOwnOrdinals()::ordinal);
        return new Rebuilt(index, (System.nanoTime() - start) / 1e9);
    }

    private static Rebuilt fromSealedRecords(Node node) {
        long start = System.nanoTime();
        FeatureExtractor extractor = new FeatureExtractor();
        RoaringCohortIndex index = RoaringCohortIndex.withOwnOrdinals();
        Map<AccountId, Integer> ordinals = new HashMap<>();
        index.bulkLoad(() -> {
            for (RecordId id : recordIds(node)) {
                StoredRecord r = node.recordStore().find(id).orElseThrow();
                byte[] json = node.records().openForRelease(r).orElseThrow().json();
                int o = ordinals.computeIfAbsent(r.patient(), p -> ordinals.size());
                if ("Patient".equals(r.resourceType())) {
                    index.putFacts(o, extractor.facts(json));
                }
                index.add(o, extractor.features(r.resourceType(), json));
            }
        });
        return new Rebuilt(index, (System.nanoTime() - start) / 1e9);
    }

    /** Seconds to read, open and decode every sealed feature set and facts (no index): {@code [seconds, features]}. */
    private static double[] openSealedFeatures(Node node) {
        long start = System.nanoTime();
        long[] n = {0};
        node.featureStore().forEachFacts(f -> n[0]++);
        node.featureStore().forEachFeature(f -> n[0]++);
        return new double[]{(System.nanoTime() - start) / 1e9, n[0]};
    }

    /**
     * Seconds to open, check and extract every sealed record, not counting reading them from the database (the
     * records are read first): the least a rebuild from the records costs, however they are stored;
     * {@code [seconds, features and facts]}.
     */
    private static double[] openSealedRecords(Node node) {
        List<StoredRecord> all = recordIds(node).stream().map(id -> node.recordStore().find(id).orElseThrow())
                .toList();
        FeatureExtractor extractor = new FeatureExtractor();
        long start = System.nanoTime();
        long n = 0;
        for (StoredRecord r : all) {
            byte[] json = node.records().openForRelease(r).orElseThrow().json();
            n += "Patient".equals(r.resourceType()) ? 1 : extractor.features(r.resourceType(), json).size();
        }
        return new double[]{(System.nanoTime() - start) / 1e9, n};
    }

    private static List<RecordId> recordIds(Node node) {
        List<RecordId> ids = new ArrayList<>();
        try (Connection c = node.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id FROM sealed_record ORDER BY seq");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(new RecordId(rs.getObject(1, UUID.class)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    @Override
    public Outcome run(BenchContext ctx) {
        int runs = ctx.repeats();
        double[] sealed = new double[runs];
        double[] replay = new double[runs];
        double[] openSealed = new double[runs];
        double[] openRecords = new double[runs];
        boolean same = true;
        fromSealedFeatures(ctx.node());
        fromSealedRecords(ctx.node());
        double features = 0;
        try (Progress.Step step = ctx.progress().start("rebuild", runs)) {
            for (int r = 0; r < runs; r++) {
                Rebuilt a = fromSealedFeatures(ctx.node());
                Rebuilt b = fromSealedRecords(ctx.node());
                sealed[r] = a.seconds();
                replay[r] = b.seconds();
                double[] opened = openSealedFeatures(ctx.node());
                openSealed[r] = opened[0];
                features = opened[1];
                double[] extracted = openSealedRecords(ctx.node());
                openRecords[r] = extracted[0];
                same &= extracted[1] == opened[1];
                for (CohortQuery q : CohortQuery.standard()) {
                    same &= a.index().count(q.criterion(), AT) == b.index().count(q.criterion(), AT);
                }
                same &= a.index().patients() == b.index().patients();
                step.stepBy(1);
            }
        }
        long patients = fromSealedFeatures(ctx.node()).index().patients();
        String of = Numbers.compact(patients) + " patients, " + Numbers.compact(records) + " records, "
                + Numbers.compact(features) + " features and facts";
        List<Comparison> comparisons = List.of(
                new Comparison("cohort index rebuilt at start (" + of + "): from the sealed feature sets", "s",
                        Spread.of(sealed), "from the sealed records (read, open, check, extract)", Spread.of(replay),
                        "share of the records' time", "-"),
                new Comparison("features obtained, no index (" + of + "): sealed feature sets read, opened, decoded",
                        "s", Spread.of(openSealed), "sealed records opened, checked, extracted (reads not counted)",
                        Spread.of(openRecords), "share of the records' floor", "-"));
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("patients", Long.toString(patients));
        figures.put("records", Long.toString(records));
        figures.put("features and facts", Long.toString((long) features));
        return new Outcome(name(), comparisons, figures, List.of(new Check(
                "both rebuilds count the " + CohortQuery.standard().size()
                        + " standard criteria alike, know the same patients and hold as many features",
                same)),
                List.of());
    }
}
