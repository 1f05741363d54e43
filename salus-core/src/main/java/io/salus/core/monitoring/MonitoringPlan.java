package io.salus.core.monitoring;

import io.salus.core.account.AccountId;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A patient's monitoring rules. Made through {@link #of}, which checks every rule and that ids are unique. */
public record MonitoringPlan(AccountId patient, List<Rule> rules) {

    public MonitoringPlan {
        Objects.requireNonNull(patient, "patient");
        rules = List.copyOf(rules);
    }

    /** The plan, or {@link ErrorCode#MONITORING_INVALID_RULE} with one issue per problem at {@code rules[i]}. */
    public static Result<MonitoringPlan> of(AccountId patient, List<Rule> rules) {
        List<Failure.Issue> issues = new ArrayList<>();
        Set<RuleId> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            for (String p : r.problems()) {
                issues.add(new Failure.Issue(r.id() + ": " + p, "rules[" + i + "]"));
            }
            if (!ids.add(r.id())) {
                issues.add(new Failure.Issue("rule id " + r.id() + " is used twice", "rules[" + i + "]"));
            }
        }
        if (!issues.isEmpty()) {
            return Result.fail(new Failure(ErrorCode.MONITORING_INVALID_RULE, issues.size()
                    + " problem(s) in the monitoring rules", issues));
        }
        return Result.ok(new MonitoringPlan(patient, rules));
    }
}
