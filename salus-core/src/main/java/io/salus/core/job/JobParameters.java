package io.salus.core.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading a job's parameters: finite numbers and comma-separated lists of them; anything else is absent. */
final class JobParameters {
    private JobParameters() {
    }

    static Optional<Double> number(JobSpec spec, String name) {
        return spec.parameter(name).flatMap(JobParameters::parse);
    }

    static Optional<List<Double>> numbers(JobSpec spec, String name) {
        Optional<String> text = spec.parameter(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<Double> out = new ArrayList<>();
        for (String part : text.get().split(",", -1)) {
            Optional<Double> v = parse(part);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            out.add(v.get());
        }
        return Optional.of(out);
    }

    private static Optional<Double> parse(String text) {
        try {
            double v = Double.parseDouble(text.strip());
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
