package io.salus.core.usecase.scores;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.error.Result;
import io.salus.core.port.CreditStore;
import io.salus.core.usecase.incentives.CreditLedger;
import java.util.List;

/**
 * The risk report, a personal service paid with incentive credits: the patient's scores computed now and kept, with
 * their whole history. The credits are debited first, once per idempotency key; a repeated key debits nothing and
 * computes nothing new (it returns the history as it stands). Only the patient orders their report. Thread-safe.
 */
public final class RiskReports {
    public static final String SERVICE = "risk-report";
    private final RiskHistory history;
    private final CreditLedger credits;

    /** The redemption, the new computation's RiskAssessments (none for a repeated key) and every kept point. */
    public record Report(CreditStore.Redeemed redemption, List<byte[]> assessments, List<ScorePoint> history) {
    }

    public RiskReports(RiskHistory history, CreditLedger credits) {
        this.history = history;
        this.credits = credits;
    }

    public long price() {
        return credits.policy().riskReportPrice();
    }

    public Result<Report> order(Account actor, AccountId patient, String idempotencyKey) {
        return credits.redeem(actor, patient, SERVICE, price(), idempotencyKey).flatMap(r -> {
            Result<List<byte[]>> fresh = r.duplicate()
                    ? Result.ok(List.of())
                    : history.compute(actor, patient).map(RiskHistory.Computation::fhir);
            return fresh.flatMap(fhir -> history.history(actor, patient).map(all -> new Report(r, fhir, all)));
        });
    }
}
