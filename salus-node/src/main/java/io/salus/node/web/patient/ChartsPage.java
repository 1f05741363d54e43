package io.salus.node.web.patient;

import io.salus.core.error.Result;
import io.salus.core.record.Category;
import io.salus.core.record.RecordSummary;
import io.salus.core.usecase.RecordService;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Charts of the patient's vital signs and lab values over time. The page loads its series from a JSON fragment that
 * decrypts the patient's own Observation records through {@link RecordService#read} (the same use case as
 * {@code GET /records/{id}}) and keeps the numeric readings; Chart.js draws one line chart per code. Thread-safe.
 */
final class ChartsPage {
    static final String PATH = PatientPortal.HOME + "/charts";
    static final int MAX_RECORDS = 2000;
    static final int MAX_SERIES = 12;
    private final RecordService records;

    ChartsPage(RecordService records) {
        this.records = records;
    }

    Result<View> show(PortalRequest r) {
        return Result.ok(View.of("Vital signs and lab values", Html.of("""
                <p>Your measurements over time, one chart per kind of measurement (the most frequent first). They \
                are decrypted from your records only for you.</p>
                <p id="charts-status" role="status">Loading your measurements…</p>
                <div class="charts" id="charts" data-src="{}"></div>""", PATH + "/data"))
                .withScripts("chart.umd.min.js", "patient-charts.js"));
    }

    Result<Object> data(PortalRequest r) {
        return records.list(r.account(), r.account().id()).map(all -> {
            List<RecordSummary> obs = new ArrayList<>(all.stream()
                    .filter(s -> "Observation".equals(s.resourceType()) && (s.category() == Category.VITAL_SIGNS
                            || s.category() == Category.LAB_RESULTS))
                    .sorted(Comparator.comparing(RecordSummary::depositedAt).reversed()).limit(MAX_RECORDS).toList());
            Map<String, Series> by = new LinkedHashMap<>();
            for (RecordSummary s : obs) {
                var opened = records.read(r.account(), s.id());
                if (!opened.isOk()) {
                    continue;
                }
                for (Observations.Reading x : Observations.readings(opened.orElseThrow().json())) {
                    by.computeIfAbsent(x.code() + "|" + x.unit(),
                            k -> new Series(x.code(), x.display(), x.unit(), Wording.of(s.category()),
                                    new ArrayList<>()))
                            .points().add(new Point(x.at().toString(), x.value()));
                }
            }
            List<Series> series = by.values().stream()
                    .sorted(Comparator.comparing((Series x) -> x.points().size()).reversed()
                            .thenComparing(Series::display))
                    .limit(MAX_SERIES).toList();
            series.forEach(x -> x.points().sort(Comparator.comparing(Point::t)));
            return Map.of("series", series, "observations", obs.size());
        });
    }

    /** One chart: a code's readings in one unit. */
    record Series(String code, String display, String unit, String category, List<Point> points) {
    }

    /** One reading: ISO time and value. */
    record Point(String t, double v) {
    }
}
