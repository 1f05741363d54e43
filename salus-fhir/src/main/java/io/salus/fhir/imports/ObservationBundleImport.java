package io.salus.fhir.imports;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.salus.core.device.ImportFormat;
import io.salus.core.device.ImportedReadings;
import io.salus.core.device.Reading;
import io.salus.core.device.VitalSign;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * A FHIR R4 Bundle (JSON) of Observations from a phone app, parsed by HAPI: each Observation with a supported LOINC code
 * and a UCUM {@code valueQuantity} becomes a reading, and a blood-pressure panel (85354-9) its systolic and diastolic
 * components; its time is {@code effectiveDateTime}, {@code effectiveInstant} or the start of {@code effectivePeriod}.
 * Other resources and codes are skipped and counted. A supported code in a unit it is not measured in is refused with
 * its location. Stateless (the context is shared).
 */
final class ObservationBundleImport {
    private static final String BP_PANEL = "85354-9";
    private final FhirContext fhir;
    private final int maxReadings;

    ObservationBundleImport(FhirContext fhir, int maxReadings) {
        this.fhir = fhir;
        this.maxReadings = maxReadings;
    }

    Result<ImportedReadings> parse(InputStream in) {
        Bundle bundle;
        try {
            bundle = fhir.newJsonParser().parseResource(Bundle.class, new InputStreamReader(in,
                    StandardCharsets.UTF_8));
        } catch (DataFormatException | ClassCastException e) {
            LimitedSource.rethrowIfTooLarge(e);
            return Result.fail(Failure.of(ErrorCode.IMPORT_MALFORMED, "not a FHIR R4 Bundle in JSON: "
                    + e.getMessage(), "Bundle"));
        }
        List<Reading> readings = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Resource r = bundle.getEntry().get(i).getResource();
            String at = "Bundle.entry[" + i + "].resource";
            if (!(r instanceof Observation o)) {
                skipped.merge(r == null ? "(empty entry)" : r.fhirType(), 1, Integer::sum);
                continue;
            }
            Optional<Instant> when = effective(o);
            List<Result<Optional<Reading>>> found = new ArrayList<>();
            if (loinc(o.getCode()).filter(BP_PANEL::equals).isPresent()) {
                for (int c = 0; c < o.getComponent().size(); c++) {
                    var comp = o.getComponent().get(c);
                    found.add(reading(comp.getCode(), comp.getValue(), when, at + ".component[" + c + "]"));
                }
            } else {
                found.add(reading(o.getCode(), o.getValue(), when, at));
            }
            for (Result<Optional<Reading>> f : found) {
                if (!f.isOk()) {
                    return f.propagate();
                }
                f.orElseThrow().ifPresentOrElse(readings::add, () -> skipped.merge("Observation " + loinc(o
                        .getCode()).orElse("(no LOINC code)"), 1, Integer::sum));
            }
            if (readings.size() > maxReadings) {
                return Result.fail(Failure.of(ErrorCode.IMPORT_TOO_LARGE, "more than " + maxReadings + " readings",
                        at));
            }
        }
        return Result.ok(new ImportedReadings(ImportFormat.FHIR_BUNDLE, readings, skipped));
    }

    /** A reading, empty for an unsupported code, or a failure for a supported code with a bad value or unit. */
    private static Result<Optional<Reading>> reading(CodeableConcept code, Type value, Optional<Instant> when,
            String at) {
        Optional<VitalSign> sign = loinc(code).flatMap(VitalSign::byLoinc);
        if (sign.isEmpty()) {
            return Result.ok(Optional.empty());
        }
        if (!(value instanceof Quantity q) || q.getValue() == null) {
            return Result.fail(Failure.of(ErrorCode.IMPORT_MALFORMED, at + ": " + sign.get().loinc()
                    + " needs a valueQuantity", at + ".valueQuantity"));
        }
        String unit = q.hasCode() ? q.getCode() : q.getUnit();
        if (unit == null || !sign.get().accepts(unit) || (q.hasSystem() && !VitalSign.UCUM_SYSTEM.equals(q
                .getSystem()))) {
            return Result.fail(Failure.of(ErrorCode.IMPORT_WRONG_UNIT, at + ": " + sign.get().loinc() + " ("
                    + sign.get().display() + ") in '" + unit + "': it is measured in UCUM " + sign.get().units(),
                    at + ".valueQuantity"));
        }
        if (when.isEmpty()) {
            return Result.fail(Failure.of(ErrorCode.IMPORT_MALFORMED, at + ": the observation has no effective time",
                    at + ".effective"));
        }
        return Result.ok(Optional.of(new Reading(sign.get().loinc(), q.getValue(), unit, when.get())));
    }

    private static Optional<String> loinc(CodeableConcept c) {
        return c.getCoding().stream().filter(x -> VitalSign.LOINC_SYSTEM.equals(x.getSystem())).map(Coding::getCode)
                .findFirst();
    }

    private static Optional<Instant> effective(Observation o) {
        if (o.hasEffectiveDateTimeType() && o.getEffectiveDateTimeType().getValue() != null) {
            return Optional.of(o.getEffectiveDateTimeType().getValue().toInstant());
        }
        if (o.hasEffectiveInstantType() && o.getEffectiveInstantType().getValue() != null) {
            return Optional.of(o.getEffectiveInstantType().getValue().toInstant());
        }
        if (o.hasEffectivePeriod() && o.getEffectivePeriod().getStart() != null) {
            return Optional.of(o.getEffectivePeriod().getStart().toInstant());
        }
        return Optional.empty();
    }
}
