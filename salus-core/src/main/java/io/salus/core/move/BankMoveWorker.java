package io.salus.core.move;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.federation.SignatureCheck;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.port.AccountStore;
import io.salus.core.port.Outbox;
import io.salus.core.usecase.ErasureService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers a bank move from the node the patient leaves, one idempotent step at a time, from the outbox: (1) the
 * signed move relayed on chain unless the chain says the home moved already; (2) the bank exported, sealed to the
 * receiving member's registered key and sent in a signed request; (3) the receiving node's acknowledgement checked
 * (signed by its registered key, the same count and root as the export); only then (4) the patient's records erased
 * to tombstones (as an erasure: anchored leaves kept), their keys deleted and the move {@code MOVED}. A step that
 * fails is retried with a growing delay; a crash between steps resumes at the first step not done. Run by the outbox
 * workers.
 */
public final class BankMoveWorker {
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** What delivering needs. */
    public record Ports(Outbox outbox, AccountStore accounts, BankMoveStore store, HomeMoves chain,
            MemberDirectory directory, BankMoveExport export, PackageSealing sealing, MoveTransport transport,
            SignatureCheck check, ErasureService erasure) {
    }

    private final Ports p;
    private final EvmAddress self;
    private final Clock clock;

    public BankMoveWorker(Ports p, EvmAddress self, Clock clock) {
        this.p = p;
        this.self = self;
        this.clock = clock;
    }

    public void runOnce() {
        for (OutboxEntry e : p.outbox().due(BankMoves.OUTBOX_KIND, 4, clock.instant())) {
            try {
                Result<Map<String, String>> done = deliver(e.message().payload());
                if (done instanceof Result.Ok<Map<String, String>> ok) {
                    p.outbox().complete(e.id(), ok.value(), clock.instant());
                } else {
                    retry(e, done.failure().code().code() + ": " + done.failure().detail());
                }
            } catch (RuntimeException ex) {
                retry(e, ex.toString());
            }
        }
    }

    private Result<Map<String, String>> deliver(Map<String, String> m) {
        AccountId patientId = AccountId.parse(m.get("patient")).orElseThrow();
        EvmAddress address = new EvmAddress(m.get("address"));
        EvmAddress to = new EvmAddress(m.get("to"));
        Optional<EvmAddress> home = p.directory().homeOf(address);
        if (home.isPresent() && home.get().equals(self)) {
            Signed<HomeMove> signed = new Signed<>(new HomeMove(address, self, to), address,
                    Long.parseLong(m.get("nonce")), Instant.ofEpochSecond(Long.parseLong(m.get("deadline"))),
                    HexFormat.of().parseHex(m.get("signature")));
            Result<TxRef> moved = p.chain().move(signed);
            if (!moved.isOk()) {
                return moved.propagate();
            }
        } else if (home.isEmpty() || !home.get().equals(to)) {
            return Result.fail(ErrorCode.MOVE_REFUSED_ON_CHAIN, "the home of " + address
                    + " is " + home.map(EvmAddress::hex).orElse("unknown") + ", neither this node nor " + to);
        }
        Optional<BankMoveStore.Outgoing> out = p.store().outgoing(patientId);
        if (out.isPresent() && out.get().status().equals("MOVED")) {
            return Result.ok(Map.of("moved", "true"));
        }
        Account patient = p.accounts().find(patientId).orElseThrow();
        Optional<Member> member = p.directory().member(to);
        if (member.isEmpty()) {
            return Result.fail(ErrorCode.MOVE_TARGET_NOT_MEMBER, to + " is not in the registry");
        }
        return p.export().export(patient, self, to).flatMap(pkg -> p.transport().send(member.get(), address,
                p.sealing().sealTo(member.get().signingKey(), pkg)).flatMap(ack -> {
                    boolean signedByTarget = p.check().verify(member.get().signingKey(), ack.signed(),
                            ack.signature());
                    if (!signedByTarget || !ack.patient().equals(address) || !ack.from().equals(self)
                            || !ack.to().equals(to) || ack.records() != pkg.count() || !ack.root().equals(pkg.root())) {
                        return Result.fail(ErrorCode.MOVE_ACK_INVALID, "the acknowledgement of "
                                + to + " does not match the export of " + pkg.count() + " records");
                    }
                    return p.erasure().erase(patient, patientId, ErasureService.confirmationFor(patientId))
                            .map(receipt -> {
                                p.store().finish(patientId, ack.records(), ack.root(), clock.instant());
                                return Map.of("records", Integer.toString(ack.records()), "root", ack.root().hex());
                            });
                }));
    }

    private void retry(OutboxEntry e, String error) {
        AccountId.parse(e.message().payload().get("patient")).ifPresent(id -> p.store().noteError(id, error));
        Duration delay = Duration.ofSeconds(1L << Math.min(e.attempts(), 8));
        p.outbox().retryLater(e.id(), error, clock.instant().plus(delay.compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : delay));
    }
}
