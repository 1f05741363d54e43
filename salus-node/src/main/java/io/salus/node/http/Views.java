package io.salus.node.http;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.anchor.AnchorBatch;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.RecordSummary;
import io.salus.core.usecase.DepositReceipt;
import io.salus.core.usecase.PublicVerifier;
import io.salus.core.usecase.RecordService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON views of domain values: what the API shows, nothing more (no keys, no ciphertext). */
final class Views {
    private Views() {
    }

    static Map<String, Object> account(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id().toString());
        m.put("kind", a.kind().name());
        m.put("displayName", a.displayName());
        m.put("address", a.address().hex());
        m.put("did", a.did());
        m.put("createdAt", a.createdAt());
        return m;
    }

    /** Account kinds acting as institutions or professionals, whose name a counterparty needs to know. */
    private static final java.util.Set<AccountKind> NAMED_PUBLICLY = java.util.EnumSet.of(AccountKind.PHYSICIAN,
            AccountKind.PHARMACY, AccountKind.HOSPITAL, AccountKind.CONSUMER, AccountKind.ISSUER, AccountKind.AUDITOR,
            AccountKind.OPERATOR);

    /**
     * What anyone may see of an account: what a counterparty needs to address it (id, kind, address, DID: to name it
     * as a consumer, a delegate or a guardian, to check its signatures and its registration on chain) and, for
     * institutions and professionals only, its name. A person's name (patient, caregiver) and every account's creation
     * time are for the owner and the operator.
     */
    static Map<String, Object> publicAccount(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id().toString());
        m.put("kind", a.kind().name());
        if (NAMED_PUBLICLY.contains(a.kind())) {
            m.put("displayName", a.displayName());
        }
        m.put("address", a.address().hex());
        m.put("did", a.did());
        return m;
    }

    static Map<String, Object> record(RecordSummary r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id().toString());
        m.put("category", r.category().name());
        m.put("resourceType", r.resourceType());
        m.put("fhirId", r.fhirId());
        m.put("depositId", r.depositId().toString());
        m.put("depositedAt", r.depositedAt());
        m.put("leaf", r.leaf().hex());
        m.put("anchored", r.anchored());
        return m;
    }

    static Map<String, Object> deposit(DepositReceipt d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("depositId", d.depositId().toString());
        m.put("patientId", d.patientId());
        m.put("authorId", d.authorId());
        m.put("depositedAt", d.depositedAt());
        m.put("replayed", d.replayed());
        m.put("recordsByCategory", d.recordsByCategory());
        m.put("skippedResources", d.skippedResources());
        m.put("anchoring", "pending: each record's receipt is at /records/{id}/receipt once its batch is mined");
        m.put("records", d.records().stream().map(Views::record).toList());
        return m;
    }

    static Map<String, Object> receipt(RecordService.Receipt r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recordId", r.recordId().toString());
        m.put("salt", r.salt().hex());
        m.put("leaf", r.leaf().hex());
        m.put("root", r.root().hex());
        m.put("proof", hexes(r.proof()));
        m.put("batchKey", r.batchKey().hex());
        m.put("txHash", r.txHash());
        m.put("blockNumber", r.blockNumber());
        return m;
    }

    static Map<String, Object> verification(RecordService.Verification v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recordId", v.recordId().toString());
        m.put("verified", v.verified());
        m.put("checks", Map.of("contentMatchesLeaf", v.contentMatchesLeaf(), "proofMatchesRoot",
                v.proofMatchesRoot(), "rootOnChain", v.rootOnChain(), "contractVerifies", v.contractVerifies()));
        m.put("receipt", receipt(v.receipt()));
        return m;
    }

    static Map<String, Object> publicOutcome(PublicVerifier.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verified", o.verified());
        m.put("leaf", o.leaf().hex());
        m.put("proofMatchesRoot", o.proofMatchesRoot());
        m.put("contractVerifies", o.contractVerifies());
        o.anchor().ifPresent(a -> m.put("anchor", Map.of("root", a.root().hex(), "txHash", a.txHash(),
                "blockNumber", a.blockNumber(), "leafCount", a.leafCount())));
        return m;
    }

    static Map<String, Object> batch(AnchorBatch b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batchKey", b.batchKey().hex());
        m.put("root", b.root().hex());
        m.put("size", b.size());
        m.put("cutAt", b.cutAt());
        b.anchored().ifPresent(a -> {
            m.put("txHash", a.txHash());
            m.put("blockNumber", a.blockNumber());
            m.put("gasUsed", a.gasUsed());
        });
        m.put("anchored", b.anchored().isPresent());
        return m;
    }

    static Map<String, Object> stats(io.salus.core.port.RecordStore.Stats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patients", s.patients());
        m.put("records", s.records());
        m.put("recordsByCategory", s.recordsByCategory());
        m.put("batches", s.batches());
        m.put("anchoredBatches", s.anchoredBatches());
        m.put("anchoredRecords", s.anchoredRecords());
        m.put("anchorGas", s.anchorGas());
        m.put("gasPerRecord", s.anchoredRecords() == 0 ? 0.0 : (double) s.anchorGas() / s.anchoredRecords());
        return m;
    }

    static List<String> hexes(List<Hash32> hs) {
        return hs.stream().map(Hash32::hex).toList();
    }
}
