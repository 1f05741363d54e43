package io.salus.core.dao;

/** The votes cast on a proposal so far (votes, not credits: v votes cost v² credits). */
public record Tally(long against, long forVotes, long abstain) {
}
