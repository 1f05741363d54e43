package io.salus.core.usecase.study;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.port.SecureAggregator.Published;
import io.salus.core.study.RoundCalls;
import io.salus.core.study.StudyClient;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A round's members are the alliance's active members as the NodeRegistry lists them when the round begins, numbered
 * 1..n by address; this node takes part through its own {@link StudyMember}, every other member through the signed
 * {@link StudyClient}. Thread-safe.
 */
public final class AllianceMembers implements StudyRound.RoundMembers {
    private final MemberDirectory directory;
    private final StudyMember local;
    private final StudyClient client;
    private final EvmAddress self;

    public AllianceMembers(MemberDirectory directory, StudyMember local, StudyClient client, EvmAddress self) {
        this.directory = directory;
        this.local = local;
        this.client = client;
        this.self = self;
    }

    @Override
    public Map<Integer, Member> byId() {
        Map<Integer, Member> out = new TreeMap<>();
        directory.members().stream().filter(Member::active).sorted(Comparator.comparing(m -> m.node().hex()))
                .forEach(m -> out.put(out.size() + 1, m));
        return out;
    }

    private boolean isSelf(Member m) {
        return m.node().equals(self);
    }

    @Override
    public Result<Published> begin(Member m, RoundCalls.Begin call) {
        return isSelf(m) ? local.begin(m, call) : client.begin(m, call);
    }

    @Override
    public Result<Map<Integer, byte[]>> share(Member m, RoundCalls.Share call) {
        return isSelf(m) ? local.share(m, call) : client.share(m, call);
    }

    @Override
    public Result<RoundCalls.Masked> mask(Member m, RoundCalls.Mask call) {
        return isSelf(m) ? local.mask(m, call) : client.mask(m, call);
    }

    @Override
    public Result<RoundCalls.Shares> unmask(Member m, RoundCalls.Unmask call) {
        return isSelf(m) ? local.unmask(m, call) : client.unmask(m, call);
    }

    @Override
    public Result<RoundCalls.PayeeList> payees(Member m, RoundCalls.Payees call) {
        return isSelf(m) ? local.payees(m, call) : client.payees(m, call);
    }
}
