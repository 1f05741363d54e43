package io.salus.bench;

/**
 * One figure measured against its baseline in the same run: {@code ratio} is {@code measured.median / baseline.median}
 * and {@code ratioMeaning} says how to read it. {@code goal} is the quality bar from BRIEF.md, or empty.
 */
public record Comparison(String figure, String unit, Spread measured, String baseline, Spread baselineMeasured,
        String ratioMeaning, String goal) {

    public double ratio() {
        return measured.median() / baselineMeasured.median();
    }
}
