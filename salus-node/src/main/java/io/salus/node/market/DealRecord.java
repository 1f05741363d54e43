package io.salus.node.market;

import java.util.List;

/**
 * What the node keeps about a deal beside the chain: the consumer, the criteria text, the per-deal secret behind the
 * pseudonyms (never leaves the node), the matched cohort and the delivered package. Stored as owner-only JSON under
 * {@code <data dir>/deals/}; the chain holds the terms, escrow, cohort root, package hash and payments.
 */
public record DealRecord(String dealId, String consumerId, String criteria, List<String> categories, String purpose,
        long pricePerPatient, int maxPatients, String deadline, int[] split, String secretHex, String status,
        List<Member> matched, String packageHash, int delivered, List<String> settlementTxs) {

    public record Member(String patientId, String address, String pseudonym) {
    }

    DealRecord with(String newStatus, List<Member> members, String hash, int deliveredCount, List<String> txs) {
        return new DealRecord(dealId, consumerId, criteria, categories, purpose, pricePerPatient, maxPatients,
                deadline, split, secretHex, newStatus, List.copyOf(members), hash, deliveredCount, List.copyOf(txs));
    }
}
