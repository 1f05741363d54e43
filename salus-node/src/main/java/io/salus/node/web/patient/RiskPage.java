package io.salus.node.web.patient;

import io.salus.core.error.Result;
import io.salus.core.usecase.incentives.CreditLedger;
import io.salus.core.usecase.scores.FindriscQuestionnaire;
import io.salus.core.usecase.scores.RiskHistory;
import io.salus.core.usecase.scores.RiskReports;
import io.salus.core.usecase.scores.ScorePoint;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The patient's risk scores: the latest of each (or which input is missing), a trend chart of every kept computation
 * ({@link ScoreChart}), a button that computes them now (the same {@link RiskHistory#compute} as
 * {@code POST /patients/{id}/risk-assessments}) and the FINDRISC questions records do not answer, sent as a FHIR
 * QuestionnaireResponse through the same {@link FindriscQuestionnaire} as the API. Thread-safe.
 */
public final class RiskPage {
    static final String PATH = PatientPortal.HOME + "/risk";
    private static final Map<String, String> LABELS = Map.of("pce", "10-year ASCVD risk (Pooled Cohort Equations)",
            "cha2ds2-vasc", "CHA2DS2-VASc stroke risk", "findrisc", "FINDRISC type 2 diabetes risk");
    private final RiskHistory history;
    private final FindriscQuestionnaire questionnaire;
    private final RiskReports reports;
    private final CreditLedger credits;

    public RiskPage(RiskHistory history, FindriscQuestionnaire questionnaire, RiskReports reports,
            CreditLedger credits) {
        this.history = history;
        this.questionnaire = questionnaire;
        this.reports = reports;
        this.credits = credits;
    }

    /** The credit ledger this page redeems from (the earnings page shows its balance and entries). */
    CreditLedger credits() {
        return credits;
    }

    Result<View> show(PortalRequest r) {
        return history.history(r.account(), r.account().id()).map(points -> {
            List<Html> sections = new ArrayList<>();
            for (String model : List.of("pce", "cha2ds2-vasc", "findrisc")) {
                List<ScorePoint> mine = points.stream().filter(p -> p.model().equals(model)).toList();
                sections.add(section(model, mine));
            }
            return View.of("Risk scores", Html.concat(Html.of("""
                    <p>Published risk scores computed on your own records and answers. Each computation is kept, so \
                    you can follow a score over time. A score your data does not support is not guessed: it names \
                    what is missing.</p>
                    <form method="post" action="{}/computation">{}<button type="submit" id="compute-scores">Compute \
                    my scores now</button></form>""", PATH, r.csrfField()), Html.join(sections), report(r), form(r)));
        });
    }

    Result<String> compute(PortalRequest r) {
        return history.compute(r.account(), r.account().id()).map(c -> PATH + "?notice=scores-computed");
    }

    Result<String> order(PortalRequest r) {
        return reports.order(r.account(), r.account().id(), r.form("key")).map(
                x -> PATH + "?notice=report-ordered");
    }

    /** The report paid with credits; the key drawn for this page makes a repeated submission a no-op. */
    private Html report(PortalRequest r) {
        long balance = credits.balance(r.account(), r.account().id()).map(CreditLedger.Balance::balance).orElseThrow();
        return Html.of(
                """
                        <section id="risk-report"><h2>Risk report</h2><p>Your scores computed now and every kept                 computation, with the record each input came from, for {} incentive credits. Your balance:                 <strong id="credit-balance">{}</strong> credits.</p>
                        <form method="post" action="{}/report">{}<input type="hidden" name="key" value="{}">                <button type="submit" id="order-report">Order my risk report</button></form></section>""",
                reports
                        .price(),
                balance, PATH, r.csrfField(), UUID.randomUUID());
    }

    Result<String> answer(PortalRequest r) {
        return questionnaire.submit(r.account(), r.account().id(), questionnaireResponse(r)).map(
                a -> PATH + "?notice=answers-saved");
    }

    private static Html section(String model, List<ScorePoint> points) {
        String label = LABELS.get(model);
        if (points.isEmpty()) {
            return Html.of("<section id=\"score-{}\"><h2>{}</h2><p>Not computed yet.</p></section>", model, label);
        }
        ScorePoint last = points.getLast();
        Html latest = last.value().isPresent()
                ? Html.of("<p class=\"score-latest\"><strong>{}</strong> — {}</p>", last.displayed(), last.band())
                : Html.of("<p class=\"score-missing\">{}</p>", last.reason());
        return Html.of("""
                <section id="score-{}"><h2>{}</h2>{}<p><small>Latest computation {} UTC; {} kept.</small></p>{}\
                </section>""", model, label, latest, last.at().toString().substring(0, 19).replace('T', ' '), points
                .size(), ScoreChart.svg(model, label, points));
    }

    private static Html form(PortalRequest r) {
        return Html.of(
                """
                        <section id="findrisc-questions"><h2>Diabetes risk questions</h2>\
                        <p>FINDRISC asks things your records may not say; what your records say wins. Your answers are sealed like your records and \
                        used by your next computation.</p>
                        <form method="post" action="{}/answers">{}\
                        <fieldset><legend>Do you usually have at least 30 minutes of physical activity every day?</legend>\
                        <label><input type="radio" name="active" value="true" required> Yes</label>\
                        <label><input type="radio" name="active" value="false"> No</label></fieldset>\
                        <fieldset><legend>Do you eat vegetables, fruit or berries every day?</legend>\
                        <label><input type="radio" name="vegetables" value="true" required> Yes</label>\
                        <label><input type="radio" name="vegetables" value="false"> No</label></fieldset>\
                        <fieldset><legend>Has anyone in your family had diabetes?</legend>\
                        <label><input type="radio" name="family" value="none" required> No</label>\
                        <label><input type="radio" name="family" value="second-degree"> Grandparent, aunt, uncle or first \
                        cousin</label>\
                        <label><input type="radio" name="family" value="first-degree"> Parent, brother, sister or own child\
                        </label></fieldset>\
                        <fieldset><legend>Has a doctor or nurse ever found your blood glucose high (also in pregnancy)?                </legend><label><input type="radio" name="glucose" value="true"> Yes</label>                <label><input type="radio" name="glucose" value="false"> No</label></fieldset>                <fieldset><legend>Have you ever taken medication for high blood pressure regularly?</legend>                <label><input type="radio" name="bpmeds" value="true"> Yes</label>                <label><input type="radio" name="bpmeds" value="false"> No</label></fieldset>                <label>Waist circumference (cm, optional) <input type="number" name="waist" min="40" max="250" \
                        step="1"></label>\
                        <button type="submit" id="save-answers">Save my answers</button></form></section>""",
                PATH, r
                        .csrfField());
    }

    /** The form as a QuestionnaireResponse on the Salus FINDRISC questionnaire (values checked by the reader). */
    static byte[] questionnaireResponse(PortalRequest r) {
        List<String> items = new ArrayList<>();
        items.add(item("physical-activity", "\"valueBoolean\":" + bool(r.form("active"))));
        items.add(item("vegetables-fruit-berries", "\"valueBoolean\":" + bool(r.form("vegetables"))));
        items.add(item("family-history", "\"valueCoding\":{\"system\":\"urn:salus:findrisc:family-history\","
                + "\"code\":\"" + code(r.form("family")) + "\"}"));
        for (String[] optional : new String[][]{{"glucose", "high-blood-glucose"}, {"bpmeds",
                "antihypertensive-medication"}}) {
            String v = r.form(optional[0]);
            if ("true".equals(v) || "false".equals(v)) {
                items.add(item(optional[1], "\"valueBoolean\":" + v));
            }
        }
        String waist = r.form("waist");
        if (waist != null && waist.matches("\\d{1,3}(\\.\\d{1,2})?")) {
            items.add(item("waist-circumference", "\"valueQuantity\":{\"value\":" + waist
                    + ",\"unit\":\"cm\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"cm\"}"));
        }
        return ("{\"resourceType\":\"QuestionnaireResponse\",\"questionnaire\":\"urn:salus:questionnaire:findrisc\","
                + "\"status\":\"completed\",\"item\":[" + String.join(",", items) + "]}").getBytes(
                        StandardCharsets.UTF_8);
    }

    private static String item(String linkId, String answer) {
        return "{\"linkId\":\"" + linkId + "\",\"answer\":[{" + answer + "}]}";
    }

    private static String bool(String v) {
        return "true".equals(v) ? "true" : "false".equals(v) ? "false" : "null";
    }

    private static String code(String v) {
        return v != null && v.matches("none|second-degree|first-degree") ? v : "unanswered";
    }
}
