package io.salus.core.usecase.study;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.port.SecureAggregator.Published;
import io.salus.core.study.RoundCalls;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Round members in one process: each member's {@link StudyMember} called directly, as coming from {@code coordinator}
 * (the benchmark of federated training and the tests use it; a node uses {@link AllianceMembers}). Thread-safe when
 * the members are.
 */
public final class InProcessMembers implements StudyRound.RoundMembers {
    private final Map<Integer, Member> members;
    private final Map<Integer, StudyMember> sides;
    private final Member coordinator;

    public InProcessMembers(Map<Integer, Member> members, Map<Integer, StudyMember> sides, Member coordinator) {
        this.members = new TreeMap<>(members);
        this.sides = new TreeMap<>(sides);
        this.coordinator = coordinator;
    }

    /**
     * A directory of {@code members} as they are, every account's home being {@code home} (the in-process members'
     * check that calls come from the consumer's home node).
     */
    public static MemberDirectory directory(Map<Integer, Member> members, EvmAddress home) {
        return new MemberDirectory() {
            @Override
            public Optional<Member> member(EvmAddress node) {
                return members.values().stream().filter(m -> m.node().equals(node)).findFirst();
            }

            @Override
            public List<Member> members() {
                return List.copyOf(members.values());
            }

            @Override
            public Optional<EvmAddress> homeOf(EvmAddress account) {
                return Optional.of(home);
            }
        };
    }

    @Override
    public Map<Integer, Member> byId() {
        return members;
    }

    private StudyMember side(Member m) {
        return members.entrySet().stream().filter(e -> e.getValue().equals(m)).map(e -> sides.get(e.getKey()))
                .findFirst().orElseThrow();
    }

    @Override
    public Result<Published> begin(Member m, RoundCalls.Begin call) {
        return side(m).begin(coordinator, call);
    }

    @Override
    public Result<Map<Integer, byte[]>> share(Member m, RoundCalls.Share call) {
        return side(m).share(coordinator, call);
    }

    @Override
    public Result<RoundCalls.Masked> mask(Member m, RoundCalls.Mask call) {
        return side(m).mask(coordinator, call);
    }

    @Override
    public Result<RoundCalls.Shares> unmask(Member m, RoundCalls.Unmask call) {
        return side(m).unmask(coordinator, call);
    }

    @Override
    public Result<RoundCalls.PayeeList> payees(Member m, RoundCalls.Payees call) {
        return side(m).payees(coordinator, call);
    }
}
