package io.salus.core.federation;

import io.salus.core.account.EvmAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The alliance's member list, read from another {@link MemberDirectory} (the NodeRegistry) at most once per
 * {@code ttl}: a signed request costs a registry read only when the list is older than that, so an admission or a
 * removal counts at most {@code ttl} later. Homes of accounts are not kept (each is asked of the directory). A read
 * that fails is not cached and fails as the directory's does. Thread-safe.
 */
public final class CachedDirectory implements MemberDirectory {
    private record Snapshot(List<Member> members, Instant at) {
    }

    private final MemberDirectory directory;
    private final Clock clock;
    private final Duration ttl;
    private volatile Snapshot snapshot;

    public CachedDirectory(MemberDirectory directory, Clock clock, Duration ttl) {
        this.directory = directory;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public Optional<Member> member(EvmAddress node) {
        return members().stream().filter(m -> m.node().equals(node)).findFirst();
    }

    @Override
    public List<Member> members() {
        Instant now = clock.instant();
        Snapshot s = snapshot;
        if (s == null || !now.isBefore(s.at().plus(ttl)) || now.isBefore(s.at())) {
            s = new Snapshot(List.copyOf(directory.members()), now);
            snapshot = s;
        }
        return s.members();
    }

    @Override
    public Optional<EvmAddress> homeOf(EvmAddress account) {
        return directory.homeOf(account);
    }
}
