package io.salus.core.move;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.CustodyMode;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.AccountStore;
import io.salus.core.port.DigestSigner;
import io.salus.core.port.KeyManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A patient asks to move their bank from this node to another member (decision 0036): only the patient, only in agent
 * custody (the bank signs the move with the patient's key, as it signs their consents), only to an active member
 * other than this node, once. The signed move and the export go into one outbox message that {@link BankMoveWorker}
 * delivers. Thread-safe.
 */
public final class BankMoves {
    public static final String OUTBOX_KIND = "bank-move";
    private static final Duration DEADLINE = Duration.ofDays(7);
    private final Ports p;
    private final EvmAddress self;
    private final Clock clock;

    /** What starting a move needs. */
    public record Ports(AccountStore accounts, BankMoveStore store, KeyManager keys, DigestSigner signer,
            HomeMoves chain, MemberDirectory directory) {
    }

    public BankMoves(Ports p, EvmAddress self, Clock clock) {
        this.p = p;
        this.self = self;
        this.clock = clock;
    }

    public Result<BankMoveStore.Outgoing> start(Account actor, AccountId patient, EvmAddress to) {
        if (!actor.id().equals(patient) || actor.kind() != AccountKind.PATIENT) {
            return Result.fail(ErrorCode.MOVE_BY_PATIENT_ONLY, "only patient " + patient + " may move their bank");
        }
        if (p.accounts().custodyOf(patient) == CustodyMode.SELF) {
            return Result.fail(ErrorCode.MOVE_SELF_CUSTODY_NOT_BUILT, "a self-custodied bank does not move yet");
        }
        if (p.store().outgoing(patient).isPresent()) {
            return Result.fail(ErrorCode.MOVE_ALREADY_STARTED, "the bank of " + patient + " is moving already");
        }
        Optional<Member> target = p.directory().member(to);
        if (to.equals(self) || target.isEmpty() || !target.get().active()) {
            return Result.fail(ErrorCode.MOVE_TARGET_NOT_MEMBER, to + " is not another active member of the alliance");
        }
        Optional<AccountStore.SealedKeys> sealed = p.accounts().sealedKeys(patient);
        if (sealed.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the patient's keys cannot be found");
        }
        long nonce = p.chain().nextNonce(actor.address());
        Instant deadline = Instant.ofEpochSecond(clock.instant().plus(DEADLINE).getEpochSecond());
        Signed<HomeMove> unsigned = new Signed<>(new HomeMove(actor.address(), self, to), actor.address(), nonce,
                deadline, new byte[0]);
        Hash32 digest = p.chain().digest(unsigned);
        return p.keys().unsealSigningKey(actor.address(), sealed.get().signingPrivateKey()).flatMap(key -> {
            byte[] signature;
            try {
                signature = p.signer().sign(digest, key);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
            OutboxMessage m = new OutboxMessage(OUTBOX_KIND, patient.toString(), Map.of("patient",
                    patient.toString(), "address", actor.address().hex(), "to", to.hex(), "nonce",
                    Long.toString(nonce), "deadline", Long.toString(deadline.getEpochSecond()), "signature",
                    HexFormat.of().formatHex(signature)));
            if (!p.store().begin(patient, to, m, clock.instant())) {
                return Result.fail(ErrorCode.MOVE_ALREADY_STARTED, "the bank of " + patient + " is moving already");
            }
            return Result.ok(p.store().outgoing(patient).orElseThrow());
        });
    }

    /** The patient's move as this node knows it: leaving from here, or arrived here. */
    public Result<BankMoveStore.Move> status(Account actor) {
        Optional<BankMoveStore.Outgoing> out = p.store().outgoing(actor.id());
        if (out.isPresent()) {
            return Result.ok(out.get());
        }
        Optional<BankMoveStore.Incoming> in = p.store().incoming(actor.address());
        if (in.isPresent()) {
            return Result.ok(in.get());
        }
        return Result.fail(ErrorCode.MOVE_NOT_STARTED, "the bank of " + actor.id() + " has not moved");
    }
}
