package io.salus.bench.deposit;

import io.salus.bench.population.PatientGenerator;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.port.BundleParser.ParsedResource;
import io.salus.core.usecase.AccountService;
import io.salus.fhir.HapiBundleParser;
import java.util.ArrayList;
import java.util.List;

/**
 * One point of the deposit benchmark: {@code n} generated patients of one history length, each with its own patient
 * account, their bundles, and the canonical bytes of every resource (for the crypto ceiling). Immutable after
 * {@link #prepare}.
 */
record DepositPoint(int years, List<Account> accounts, List<byte[]> bundles, List<byte[]> resources) {

    static DepositPoint prepare(PatientGenerator population, int years, long firstIndex, int n,
            AccountService accounts) {
        PatientGenerator gen = population.withYears(years);
        HapiBundleParser parser = new HapiBundleParser(HapiBundleParser.DEFAULT_MAX_BODY_BYTES,
                HapiBundleParser.DEFAULT_MAX_RESOURCES, false);
        List<Account> opened = new ArrayList<>(n);
        List<byte[]> bundles = new ArrayList<>(n);
        List<byte[]> resources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = gen.bundle(firstIndex + i);
            bundles.add(b);
            parser.parse(b).orElseThrow().resources().stream().map(ParsedResource::json).forEach(resources::add);
            opened.add(accounts.open(AccountKind.PATIENT, "bench patient " + (firstIndex + i)).orElseThrow()
                    .account());
        }
        return new DepositPoint(years, List.copyOf(opened), List.copyOf(bundles), List.copyOf(resources));
    }

    double resourcesPerBundle() {
        return resources.size() / (double) bundles.size();
    }
}
