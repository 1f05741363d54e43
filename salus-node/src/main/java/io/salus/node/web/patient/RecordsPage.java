package io.salus.node.web.patient;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import io.salus.core.record.RecordId;
import io.salus.core.record.RecordSummary;
import io.salus.core.usecase.RecordService;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The records timeline by category, newest first by the date written in each record (records are decrypted for the
 * patient alone to show what they are about). Each row's proof status is checked against the chain by the page's script through
 * the proof fragment (the same {@code RecordService.verify} as {@code GET /records/{id}/verification}). Thread-safe.
 */
final class RecordsPage {
    static final int PER_CATEGORY = 50;
    /** At most this many of a category's latest deposits are opened to find the newest by clinical date. */
    static final int OPENED_PER_CATEGORY = 200;
    private final RecordService records;

    RecordsPage(RecordService records) {
        this.records = records;
    }

    Result<View> timeline(PortalRequest r) {
        return records.list(r.account(), r.account().id()).map(all -> {
            Map<Category, List<RecordSummary>> by = new EnumMap<>(Category.class);
            for (RecordSummary s : all) {
                by.computeIfAbsent(s.category(), c -> new ArrayList<>()).add(s);
            }
            List<Html> sections = new ArrayList<>();
            for (Map.Entry<Category, List<RecordSummary>> e : by.entrySet()) {
                sections.add(section(r, e.getKey(), e.getValue()));
            }
            Html summary = Html.of("<p>{} records in {} categories. Proof status: each record's hash is checked "
                    + "against the batch root anchored on the chain.</p>", all.size(), by.size());
            Html body = all.isEmpty()
                    ? Html.raw("<p>No records have been deposited for you yet.</p>")
                    : Html.concat(summary, Html.join(sections));
            return View.of("Your health records", body).withScripts("patient-records.js");
        });
    }

    private Html section(PortalRequest r, Category c, List<RecordSummary> rs) {
        List<Entry> entries = new ArrayList<>();
        List<RecordSummary> latest = rs.stream().sorted(Comparator.comparing(RecordSummary::depositedAt).reversed())
                .limit(OPENED_PER_CATEGORY).toList();
        for (RecordSummary s : latest) {
            var opened = records.read(r.account(), s.id());
            entries.add(new Entry(s, opened.isOk()
                    ? Descriptions.describe(opened.orElseThrow().json())
                    : new Descriptions.Described("(cannot be opened: " + opened.failure().code().code() + ")", "")));
        }
        entries.sort(Comparator.comparing((Entry e) -> e.what().date()).reversed()
                .thenComparing(e -> e.summary().id().toString()));
        List<Html> rows = new ArrayList<>();
        for (Entry e : entries.subList(0, Math.min(PER_CATEGORY, entries.size()))) {
            RecordSummary s = e.summary();
            String day = Descriptions.day(e.what().date()).orElse("no date");
            rows.add(Html.of("""
                    <tr><td><time datetime="{}">{}</time></td><td>{}</td><td>{}</td>\
                    <td class="proof" data-record="{}">{}</td></tr>""", day, day, e.what().text(), s.resourceType(),
                    s.id(), s.anchored() ? "anchored, not yet checked" : "waiting for its anchor"));
        }
        String name = label(c);
        Html more = rs.size() > PER_CATEGORY
                ? Html.of("<p class=\"hint\">Showing {} of {}: the newest among the latest deposits.</p>", PER_CATEGORY,
                        rs.size())
                : Html.EMPTY;
        return Html.of(
                """
                        <section class="category" aria-labelledby="cat-{}"><h2 id="cat-{}">{} <span class="count">({})</span></h2>
                        <table><caption class="visually-hidden">{} records</caption><thead><tr><th scope="col">Date</th>\
                        <th scope="col">What</th><th scope="col">Type</th><th scope="col">Proof on chain</th></tr>\
                        </thead><tbody>{}</tbody></table>{}</section>""",
                c.name(), c.name(), name, rs.size(), name,
                Html.join(rows), more);
    }

    private record Entry(RecordSummary summary, Descriptions.Described what) {
    }

    Result<Object> proof(PortalRequest r) {
        return RecordId.parse(r.pathParam("recordId"))
                .<Result<RecordId>>map(Result::ok)
                .orElseGet(() -> Result.fail(Failure.of(ErrorCode.PORTAL_FORM_INVALID, "not a record id", "recordId")))
                .flatMap(id -> records.verify(r.account(), id)).map(v -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("verified", v.verified());
                    m.put("status", v.verified()
                            ? "verified on chain (block " + v.receipt().blockNumber() + ")"
                            : "MISMATCH: the record does not match the chain");
                    m.put("block", v.receipt().blockNumber());
                    return m;
                });
    }

    static String label(Category c) {
        String s = c.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
