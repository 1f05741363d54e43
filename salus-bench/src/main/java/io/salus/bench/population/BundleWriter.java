package io.salus.bench.population;

import com.fasterxml.jackson.core.JsonGenerator;
import io.salus.bench.population.PopulationModel.Concept;
import io.salus.bench.population.PopulationModel.Condition;
import io.salus.bench.population.PopulationModel.EncounterType;
import io.salus.bench.population.PopulationModel.MedicationLink;
import io.salus.bench.population.PopulationModel.ObservationStats;
import io.salus.bench.population.PopulationModel.Template;
import io.salus.bench.population.PopulationModel.TemplateObservation;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes one patient's transaction Bundle: Patient, Encounters, Conditions, MedicationRequests, Observations; every
 * reference is a {@code urn:uuid:} of an entry in the same bundle. Not thread-safe (one per patient).
 */
final class BundleWriter {
    private static final long DAY = 86_400;
    private final JsonGenerator g;
    private final Draw d;
    private final PopulationModel model;
    private final int years;
    private final long referenceEpochDay;
    private int resources;

    BundleWriter(JsonGenerator g, Draw d, PopulationModel model, int years) {
        this.g = g;
        this.d = d;
        this.model = model;
        this.years = years;
        this.referenceEpochDay = model.referenceDate().toEpochDay();
    }

    /** Writes the bundle; returns how many resources it holds. */
    int write(long index, Template t, List<Condition> conditions, List<EncounterType> types) throws IOException {
        String patient = d.uuid();
        double age = Math.max(0.05, Math.min(105, d.gaussian(t.ageYears(), PatientGenerator.AGE_SD_YEARS)));
        g.writeStartObject();
        g.writeStringField("resourceType", "Bundle");
        g.writeStringField("type", "transaction");
        g.writeArrayFieldStart("entry");
        start(patient, "Patient");
        g.writeArrayFieldStart("identifier");
        g.writeStartObject();
        g.writeStringField("system", "urn:salus:bench:patient");
        g.writeStringField("value", Long.toString(index));
        g.writeEndObject();
        g.writeEndArray();
        g.writeArrayFieldStart("name");
        g.writeStartObject();
        g.writeStringField("family", "Synthetic");
        g.writeArrayFieldStart("given");
        g.writeString("P" + index);
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("gender", t.sex());
        g.writeStringField("birthDate", Dates.date(referenceEpochDay - Math.round(age * 365.25)));
        end("Patient");
        long historySeconds = years * 365L * DAY;
        long refSecond = referenceEpochDay * DAY;
        long[] times = new long[types.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = refSecond - 1 - (long) (d.uniform() * historySeconds);
        }
        Arrays.sort(times);
        String[] encounters = new String[types.size()];
        for (int i = 0; i < types.size(); i++) {
            encounters[i] = d.uuid();
            encounter(encounters[i], patient, types.get(i), times[i]);
        }
        for (Condition c : conditions) {
            int at = d.below(encounters.length);
            String condition = d.uuid();
            condition(condition, patient, c.concept(), encounters[at], times[at]);
            for (MedicationLink m : PatientGenerator.medications(d, model, c.concept().code())) {
                medication(d.uuid(), patient, m.medication(), condition, encounters[at], times[at]);
            }
        }
        for (int i = 0; i < encounters.length; i++) {
            for (Map.Entry<String, TemplateObservation> o : t.observationRates().entrySet()) {
                ObservationStats pooled = model.observations().get(o.getKey());
                for (int k = PatientGenerator.observationCount(d, o.getValue()); k > 0; k--) {
                    observation(d.uuid(), patient, pooled, value(o.getValue(), pooled), encounters[i], times[i]);
                }
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        return resources;
    }

    private double value(TemplateObservation o, ObservationStats pooled) {
        double sd = Math.sqrt(o.sd() * o.sd() + 0.01 * pooled.sd() * pooled.sd());
        double v = Math.max(pooled.min(), Math.min(pooled.max(), d.gaussian(o.mean(), sd)));
        double scale = Math.abs(pooled.mean()) >= 10 ? 10 : 100;
        return Math.round(v * scale) / scale;
    }

    private void encounter(String id, String patient, EncounterType type, long at) throws IOException {
        start(id, "Encounter");
        g.writeStringField("status", "finished");
        g.writeObjectFieldStart("class");
        g.writeStringField("system", "http://terminology.hl7.org/CodeSystem/v3-ActCode");
        g.writeStringField("code", type.classCode());
        g.writeEndObject();
        g.writeArrayFieldStart("type");
        codeable(type.type());
        g.writeEndArray();
        reference("subject", patient);
        g.writeObjectFieldStart("period");
        g.writeStringField("start", Dates.dateTime(at));
        g.writeStringField("end", Dates.dateTime(at + 1800));
        g.writeEndObject();
        end("Encounter");
    }

    private void condition(String id, String patient, Concept code, String encounter, long at) throws IOException {
        start(id, "Condition");
        status("clinicalStatus", "http://terminology.hl7.org/CodeSystem/condition-clinical", "active");
        status("verificationStatus", "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed");
        g.writeFieldName("code");
        codeable(code);
        reference("subject", patient);
        reference("encounter", encounter);
        g.writeStringField("onsetDateTime", Dates.dateTime(at));
        g.writeStringField("recordedDate", Dates.dateTime(at));
        end("Condition");
    }

    private void medication(String id, String patient, Concept med, String condition, String encounter, long at)
            throws IOException {
        start(id, "MedicationRequest");
        g.writeStringField("status", "active");
        g.writeStringField("intent", "order");
        g.writeFieldName("medicationCodeableConcept");
        codeable(med);
        reference("subject", patient);
        reference("encounter", encounter);
        g.writeStringField("authoredOn", Dates.dateTime(at));
        g.writeArrayFieldStart("reasonReference");
        g.writeStartObject();
        g.writeStringField("reference", "urn:uuid:" + condition);
        g.writeEndObject();
        g.writeEndArray();
        end("MedicationRequest");
    }

    private void observation(String id, String patient, ObservationStats s, double value, String encounter, long at)
            throws IOException {
        start(id, "Observation");
        g.writeStringField("status", "final");
        g.writeArrayFieldStart("category");
        g.writeStartObject();
        g.writeArrayFieldStart("coding");
        g.writeStartObject();
        g.writeStringField("system", "http://terminology.hl7.org/CodeSystem/observation-category");
        g.writeStringField("code", s.category());
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeFieldName("code");
        codeable(s.concept());
        reference("subject", patient);
        reference("encounter", encounter);
        g.writeStringField("effectiveDateTime", Dates.dateTime(at));
        g.writeObjectFieldStart("valueQuantity");
        g.writeNumberField("value", value);
        if (!s.unit().isEmpty()) {
            g.writeStringField("unit", s.unit());
            g.writeStringField("system", "http://unitsofmeasure.org");
            g.writeStringField("code", s.unit());
        }
        g.writeEndObject();
        end("Observation");
    }

    private void start(String id, String type) throws IOException {
        resources++;
        g.writeStartObject();
        g.writeStringField("fullUrl", "urn:uuid:" + id);
        g.writeObjectFieldStart("resource");
        g.writeStringField("resourceType", type);
        g.writeStringField("id", id);
    }

    private void end(String type) throws IOException {
        g.writeEndObject();
        g.writeObjectFieldStart("request");
        g.writeStringField("method", "POST");
        g.writeStringField("url", type);
        g.writeEndObject();
        g.writeEndObject();
    }

    private void reference(String field, String id) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("reference", "urn:uuid:" + id);
        g.writeEndObject();
    }

    private void status(String field, String system, String code) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeArrayFieldStart("coding");
        g.writeStartObject();
        g.writeStringField("system", system);
        g.writeStringField("code", code);
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private void codeable(Concept c) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("coding");
        g.writeStartObject();
        g.writeStringField("system", c.system());
        g.writeStringField("code", c.code());
        if (!c.display().isEmpty()) {
            g.writeStringField("display", c.display());
        }
        g.writeEndObject();
        g.writeEndArray();
        if (!c.display().isEmpty()) {
            g.writeStringField("text", c.display());
        }
        g.writeEndObject();
    }
}
