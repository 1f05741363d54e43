package io.salus.bench.population;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.salus.bench.population.PopulationModel.Condition;
import io.salus.bench.population.PopulationModel.EncounterType;
import io.salus.bench.population.PopulationModel.MedicationLink;
import io.salus.bench.population.PopulationModel.Template;
import io.salus.bench.population.PopulationModel.TemplateObservation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes synthetic patients from a {@link PopulationModel}: patient {@code i} of seed {@code s} is always the same
 * bundle, byte for byte. Sampling (a smoothed bootstrap over the fixture patients):
 * <ul>
 * <li>a template (fixture patient) is picked uniformly; sex is the template's, age its age plus N(0, 1.5 years);</li>
 * <li>each of the template's conditions is kept with probability 0.95; every other condition is added with
 * probability 0.05 times its add-half smoothed prevalence;</li>
 * <li>encounters: Poisson(years x (0.8 template rate + 0.2 pooled rate)), at least one, uniform over the history,
 * types from the pooled encounter types;</li>
 * <li>medications: for each condition, each medication ever prescribed for it with P(medication | condition);</li>
 * <li>observations: at every encounter, each LOINC code the template had, as often as the template had it per
 * encounter, valued N(template mean, sqrt(template sd^2 + (0.1 pooled sd)^2)) clipped to the pooled range.</li>
 * </ul>
 * Thread-safe (stateless apart from the immutable model).
 */
public final class PatientGenerator {
    static final double KEEP = 0.95;
    static final double ADD = 0.05;
    static final double AGE_SD_YEARS = 1.5;
    private static final JsonFactory JSON = new JsonFactory();

    private final PopulationModel model;
    private final long seed;
    private final int years;
    private final int encounterTypeTotal;

    public PatientGenerator(PopulationModel model, long seed, int years) {
        if (years < 1) {
            throw new IllegalArgumentException("years must be at least 1");
        }
        this.model = model;
        this.seed = seed;
        this.years = years;
        this.encounterTypeTotal = model.encounterTypes().stream().mapToInt(EncounterType::count).sum();
    }

    public PopulationModel model() {
        return model;
    }

    public long seed() {
        return seed;
    }

    public int years() {
        return years;
    }

    /** The same population with another history length (bundle size). */
    public PatientGenerator withYears(int otherYears) {
        return new PatientGenerator(model, seed, otherYears);
    }

    /** Patient {@code index} as one FHIR transaction Bundle (compact JSON, UTF-8). */
    public byte[] bundle(long index) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        write(index, out);
        return out.toByteArray();
    }

    /** Writes patient {@code index} as one compact JSON Bundle (no newline); returns its number of resources. */
    public int write(long index, OutputStream out) {
        Draw d = Draw.of(seed, index);
        Template t = model.templates().get(d.below(model.templates().size()));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            return new BundleWriter(g, d, model, years).write(index, t, conditions(d, t), encounterTypes(d, t));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Condition> conditions(Draw d, Template t) {
        List<Condition> out = new ArrayList<>();
        for (Condition c : model.conditions()) {
            boolean had = t.conditionCodes().contains(c.concept().code());
            if (had ? d.chance(KEEP) : d.chance(ADD * c.smoothedPrevalence())) {
                out.add(c);
            }
        }
        return out;
    }

    private List<EncounterType> encounterTypes(Draw d, Template t) {
        double rate = 0.8 * t.encountersPerYear() + 0.2 * model.pooledEncountersPerYear();
        int n = Math.max(1, d.poisson(rate * years));
        List<EncounterType> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int pick = d.below(encounterTypeTotal);
            for (EncounterType e : model.encounterTypes()) {
                pick -= e.count();
                if (pick < 0) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }

    /** Medications for a condition, drawn with P(medication | condition). */
    static List<MedicationLink> medications(Draw d, PopulationModel m, String conditionCode) {
        List<MedicationLink> out = new ArrayList<>();
        for (MedicationLink l : m.medications().getOrDefault(conditionCode, List.of())) {
            if (d.chance(l.probability())) {
                out.add(l);
            }
        }
        return out;
    }

    /** How many observations of a code at one encounter: the integer part of the rate, plus one with its fraction. */
    static int observationCount(Draw d, TemplateObservation o) {
        int whole = (int) Math.floor(o.perEncounter());
        return whole + (d.chance(o.perEncounter() - whole) ? 1 : 0);
    }

    static Map<String, TemplateObservation> observationsOf(Template t) {
        return t.observationRates();
    }
}
