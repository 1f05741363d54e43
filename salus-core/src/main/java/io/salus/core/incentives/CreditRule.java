package io.salus.core.incentives;

/**
 * The fixed part of the credit rule: {@code creditsPerVolumeUnit} is what one volume unit of data held earns in a
 * period at base quality (the "interest"). When the holding pool cannot pay everyone that, all are paid pro rata.
 */
public record CreditRule(long creditsPerVolumeUnit) {
}
