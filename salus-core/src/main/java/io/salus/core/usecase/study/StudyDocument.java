package io.salus.core.usecase.study;

import io.salus.core.account.EvmAddress;
import io.salus.core.compute.LogisticModel;
import io.salus.core.federation.Member;
import io.salus.core.study.RoundRecord;
import io.salus.core.study.Study;
import io.salus.core.study.StudyPart;
import io.salus.core.study.StudySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The released result of a study: the final model (intercept and coefficients in the features' own units, and the
 * scaled parameters), the privacy stated (noise multiplier, δ, ε per member and spent), the training curve (each
 * round's parameters, model hash, participants and ε spent) and the payouts by the stated rule: each member node's
 * share of the study's payment is its share of the patients whose data trained the last round (data-size share), and
 * each of those patients earns the deal's price; the coordinating node's patients are paid by the deal's settlement,
 * the other members' patients from their parts in StudyPayouts (payees and root stated here), paid before the deal's
 * settlement releases this document's key (decision 0037).
 */
final class StudyDocument {
    static final String RULE = "data-size share: each member node's share is its patients in the last round over all "
            + "members' patients; each patient earns the deal's price per patient";

    private StudyDocument() {
    }

    static Map<String, Object> of(Study s, List<RoundRecord> rounds, Map<EvmAddress, Integer> patients,
            EvmAddress self, int homePaid, long price, Map<Integer, Member> members, List<StudyPart> parts) {
        StudySpec spec = s.spec();
        LogisticModel m = rounds.getLast().model();
        double[] theta = m.parameters();
        double intercept = theta[0];
        Map<String, Object> coefficients = new LinkedHashMap<>();
        for (int i = 0; i < spec.features().size(); i++) {
            double range = spec.highs().get(i) - spec.lows().get(i);
            coefficients.put(spec.features().get(i), theta[i + 1] / range);
            intercept -= theta[i + 1] * spec.lows().get(i) / range;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("algorithm", "federated-logistic");
        doc.put("study", s.id().toString());
        doc.put("features", spec.features());
        doc.put("outcome", spec.outcome());
        doc.put("outcomeAtLeast", spec.outcomeAtLeast());
        doc.put("lows", spec.lows());
        doc.put("highs", spec.highs());
        doc.put("intercept", intercept);
        doc.put("coefficients", coefficients);
        doc.put("scaledParameters", toList(theta));
        doc.put("rounds", spec.rounds());
        doc.put("learningRate", spec.learningRate());
        doc.put("noiseMultiplier", spec.sigma());
        doc.put("delta", spec.delta());
        doc.put("epsilonPerMember", spec.epsilon().value().toPlainString());
        doc.put("epsilonSpent", rounds.getLast().epsilonText());
        List<Map<String, Object>> curve = new ArrayList<>();
        for (RoundRecord r : rounds) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("round", r.round());
            c.put("modelHash", r.modelHash().hex());
            c.put("participants", r.participants().stream().map(EvmAddress::hex).toList());
            c.put("dropped", r.dropped().stream().map(EvmAddress::hex).toList());
            c.put("epsilonSpent", r.epsilonText());
            c.put("loss", r.loss());
            c.put("parameters", toList(r.model().parameters()));
            curve.add(c);
        }
        doc.put("curve", curve);
        doc.put("payouts", payouts(s, patients, self, homePaid, price, members, parts));
        return doc;
    }

    private static Map<String, Object> payouts(Study s, Map<EvmAddress, Integer> patients, EvmAddress self,
            int homePaid, long price, Map<Integer, Member> members, List<StudyPart> parts) {
        long total = patients.values().stream().mapToLong(Integer::longValue).sum();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Member m : members.values()) {
            int n = patients.getOrDefault(m.node(), 0);
            boolean home = m.node().equals(self);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("node", m.node().hex());
            row.put("organisation", m.organisation());
            row.put("patients", n);
            row.put("share", total == 0 ? 0.0 : (double) n / total);
            Optional<StudyPart> part = parts.stream().filter(p -> p.member().equals(m.node())).findFirst();
            int payees = home ? homePaid : part.map(p -> p.payouts().size()).orElse(0);
            row.put("payees", payees);
            row.put("amount", Long.toString(payees * price));
            part.ifPresent(p -> row.put("partRoot", p.root(s.id()).hex()));
            row.put("settlement", home
                    ? "paid by the deal's settlement to its " + homePaid + " consenting members"
                    : part.isPresent()
                            ? "paid from StudyPayouts (study " + StudyPart.studyKey(s.id()).hex() + ") to its "
                                    + payees + " payees with the deal's split, before the deal's settlement "
                                    + "releases this model"
                            : "no patients in the last round");
            rows.add(row);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("rule", RULE);
        p.put("pricePerPatient", Long.toString(price));
        p.put("members", rows);
        p.put("studyPayouts", StudyPart.studyKey(s.id()).hex());
        return p;
    }

    private static List<Double> toList(double[] v) {
        List<Double> out = new ArrayList<>();
        for (double d : v) {
            out.add(d);
        }
        return out;
    }
}
