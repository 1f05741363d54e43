package io.salus.bench.fhir;

import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Comparison;
import io.salus.bench.Outcome;
import io.salus.bench.Parallel;
import io.salus.bench.Progress;
import io.salus.bench.Spread;
import io.salus.bench.deposit.PlainFhirStore;
import io.salus.bench.population.PatientGenerator;
import io.salus.core.account.AccountKind;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.DepositService;
import io.salus.fhir.HapiBundleParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FHIR costs: (1) checking FHIR R4's rules at deposit (HAPI's instance validator on the core definitions) against
 * parsing without it, on the same generated bundles in the same run; (2) a FHIR search through {@code /fhir}
 * ({@code Observation?patient=&code=} as the patient: every Observation of the patient is decrypted, served and
 * matched) against the same query on the plain jsonb store (no encryption, a containment query).
 */
public final class FhirBenchmark implements Benchmark {
    private static final Pattern LOINC = Pattern.compile(
            "\"code\":\\{\"coding\":\\[\\{\"system\":\"http://loinc.org\",\"code\":\"([^\"]+)\"");
    private final List<byte[]> bundles = new ArrayList<>();
    private final List<Searcher> searchers = new ArrayList<>();
    private PlainFhirStore plain;
    private long resources;

    private record Searcher(String patientId, String token, String code) {
    }

    @Override
    public String name() {
        return "fhir";
    }

    @Override
    public void setup(BenchContext ctx) {
        PatientGenerator gen = ctx.population().withYears(3);
        int n = ctx.quick() ? 10 : Math.max(20, Math.min(ctx.sample(), 200));
        int searched = ctx.quick() ? 3 : 10;
        HapiBundleParser lenient = lenient();
        for (int i = 0; i < n; i++) {
            byte[] b = gen.bundle(30_000_000L + i);
            bundles.add(b);
            resources += lenient.parse(b).orElseThrow().resources().size();
        }
        plain = PlainFhirStore.create(ctx.node().dataSource());
        AccountService accounts = ctx.node().accounts();
        try (Progress.Step step = ctx.progress().start("fhir setup", searched)) {
            for (int i = 0; i < searched; i++) {
                var opened = accounts.open(AccountKind.PATIENT, "fhir bench patient " + i).orElseThrow();
                byte[] b = bundles.get(i);
                ctx.node().deposits().deposit(new DepositService.Command(opened.account(), opened.account().id(), b,
                        Optional.empty(), "salus-bench")).orElseThrow();
                plain.store(opened.account().id().toString(), b);
                Matcher m = LOINC.matcher(new String(b, StandardCharsets.UTF_8));
                searchers.add(new Searcher(opened.account().id().toString(), opened.apiToken(),
                        m.find() ? m.group(1) : "8867-4"));
                step.stepBy(1);
            }
        }
    }

    @Override
    public Outcome run(BenchContext ctx) {
        int runs = ctx.repeats();
        double[] withRules = new double[runs];
        double[] without = new double[runs];
        HapiBundleParser strict = new HapiBundleParser();
        HapiBundleParser lenient = lenient();
        List<Double> fhirMs = new ArrayList<>();
        List<Double> sqlMs = new ArrayList<>();
        boolean sameCounts = true;
        HttpClient http = HttpClient.newHttpClient();
        try (Progress.Step step = ctx.progress().start("fhir", runs)) {
            for (int r = 0; r < runs; r++) {
                withRules[r] = resources / Parallel.run(ctx.threads(), bundles.size(),
                        i -> strict.parse(bundles.get(i)).orElseThrow());
                without[r] = resources / Parallel.run(ctx.threads(), bundles.size(),
                        i -> lenient.parse(bundles.get(i)).orElseThrow());
                for (Searcher s : searchers) {
                    long t0 = System.nanoTime();
                    int fhirTotal = fhirSearch(http, ctx.node().apiUrl(), s);
                    fhirMs.add((System.nanoTime() - t0) / 1e6);
                    long t1 = System.nanoTime();
                    int sqlTotal = sqlSearch(ctx, s);
                    sqlMs.add((System.nanoTime() - t1) / 1e6);
                    sameCounts &= fhirTotal == sqlTotal;
                }
                step.stepBy(1);
            }
        }
        List<Comparison> comparisons = List.of(
                new Comparison("deposit parse with FHIR R4 rules (HAPI instance validator)", "resources/s",
                        Spread.of(withRules), "the same parse without the R4 rules", Spread.of(without),
                        "with / without (cost = 1/ratio)", ""),
                new Comparison("FHIR search Observation?patient&code as the patient (decrypt, serve, match)", "ms",
                        Spread.of(fhirMs.stream().mapToDouble(Double::doubleValue).toArray()),
                        "plain jsonb store: one containment query", Spread.of(sqlMs.stream()
                                .mapToDouble(Double::doubleValue).toArray()),
                        "Salus / plain (slowdown)", ""));
        return new Outcome(name(), comparisons, Map.of("bundles parsed per run", Integer.toString(bundles.size()),
                "resources parsed per run", Long.toString(resources)),
                List.of(new Outcome.Check(
                        "every FHIR search found exactly what the plain store found", sameCounts)),
                List.of());
    }

    private static int fhirSearch(HttpClient http, String base, Searcher s) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/fhir/Observation?patient="
                    + s.patientId() + "&code=http://loinc.org%7C" + s.code() + "&_count=1"))
                    .header("Authorization", "Bearer " + s.token()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"total\":(\\d+)").matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("FHIR search failed: " + r.statusCode() + " " + r.body());
            }
            return Integer.parseInt(m.group(1));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int sqlSearch(BenchContext ctx, Searcher s) {
        try (Connection c = ctx.node().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM bench.fhir_resource WHERE patient = ?"
                        + " AND resource_type = 'Observation' AND body @> ?::jsonb")) {
            ps.setString(1, s.patientId());
            ps.setString(2, "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + s.code()
                    + "\"}]}}");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HapiBundleParser lenient() {
        return new HapiBundleParser(HapiBundleParser.DEFAULT_MAX_BODY_BYTES, HapiBundleParser.DEFAULT_MAX_RESOURCES,
                false);
    }
}
