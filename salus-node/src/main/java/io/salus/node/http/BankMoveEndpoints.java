package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.NodeRequests;
import io.salus.core.federation.SignedHeaders;
import io.salus.core.move.BankMoveImport;
import io.salus.core.move.BankMoveStore;
import io.salus.core.move.BankMoves;
import io.salus.core.move.MoveAck;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A patient moving their bank (decision 0036): the patient starts the move at the node they leave
 * ({@code POST /accounts/me/move}) and follows it ({@code GET /accounts/me/move}, at either node); the leaving node
 * hands the sealed bank to the receiving one in a signed node request ({@value #IMPORT}). Outside an alliance each
 * answers {@code NOT_FEDERATED}.
 */
public final class BankMoveEndpoints implements ApiEndpoints {
    /** The path of the node-to-node import (what {@code HttpMoveTransport} signs). */
    public static final String IMPORT = "/federation/moves";
    private final Optional<Parts> parts;
    private final Auth auth;

    /** What a federated node serves. */
    public record Parts(BankMoves moves, BankMoveImport imports, NodeRequests requests) {
    }

    public BankMoveEndpoints(Optional<Parts> parts, Auth auth) {
        this.parts = parts;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/accounts/me/move", this::start);
        r.add(HandlerType.GET, "/accounts/me/move", this::status);
        r.add(HandlerType.POST, IMPORT, this::importBank);
    }

    record StartBody(String to) {
    }

    Result<Reply> start(Context ctx) {
        return federated().flatMap(p -> auth.caller(ctx).flatMap(actor -> Requests.json(ctx, StartBody.class)
                .flatMap(b -> address(b.to(), "to").flatMap(to -> p.moves().start(actor, actor.id(), to)))))
                .map(out -> Reply.json(202, view(out)));
    }

    Result<Reply> status(Context ctx) {
        return federated().flatMap(p -> auth.caller(ctx).flatMap(actor -> p.moves().status(actor)))
                .map(s -> Reply.ok(switch (s) {
                    case BankMoveStore.Outgoing o -> view(o);
                    case BankMoveStore.Incoming i -> view(i);
                }));
    }

    Result<Reply> importBank(Context ctx) {
        return federated().flatMap(p -> {
            byte[] body = ctx.bodyAsBytes();
            SignedHeaders h = new SignedHeaders(ctx.header(SignedHeaders.CONTENT_DIGEST),
                    ctx.header(SignedHeaders.SIGNATURE_INPUT), ctx.header(SignedHeaders.SIGNATURE));
            return p.requests().verify("POST", ctx.path(), h, body).flatMap(from -> Requests.json(ctx,
                    Map.class).flatMap(
                            m -> address((String) m.get("audience"), "audience").flatMap(
                                    audience -> address((String) m.get("patient"), "patient").flatMap(patient -> {
                                        if (!(m.get("package") instanceof String sealed)) {
                                            return Result.fail(ErrorCode.INVALID_REQUEST, "package is required");
                                        }
                                        return p.imports().accept(from, audience, patient, Base64.getDecoder()
                                                .decode(sealed));
                                    }))));
        }).map(ack -> Reply.ok(view(ack)));
    }

    private static Map<String, Object> view(MoveAck a) {
        return Map.of("patient", a.patient().hex(), "from", a.from().hex(), "to", a.to().hex(), "records",
                a.records(), "root", a.root().hex(), "signature", HexFormat.of().formatHex(a.signature()));
    }

    private static Map<String, Object> view(BankMoveStore.Outgoing o) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("direction", "OUT");
        v.put("patient", o.patient().toString());
        v.put("to", o.to().hex());
        v.put("status", o.status());
        v.put("startedAt", o.startedAt().toString());
        o.movedAt().ifPresent(t -> v.put("movedAt", t.toString()));
        o.records().ifPresent(n -> v.put("records", n));
        o.root().ifPresent(r -> v.put("root", r.hex()));
        o.lastError().ifPresent(e -> v.put("lastError", e));
        return v;
    }

    private static Map<String, Object> view(BankMoveStore.Incoming i) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("direction", "IN");
        v.put("patient", i.patient().toString());
        v.put("from", i.from().hex());
        v.put("status", "MOVED");
        v.put("records", i.records());
        v.put("root", i.root().hex());
        v.put("importedAt", i.importedAt().toString());
        return v;
    }

    private static Result<EvmAddress> address(String hex, String field) {
        try {
            return hex == null
                    ? Result.fail(ErrorCode.INVALID_REQUEST, field + " is required")
                    : Result.ok(new EvmAddress(hex));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.INVALID_REQUEST, field + ": " + e.getMessage());
        }
    }

    private Result<Parts> federated() {
        return parts.<Result<Parts>>map(Result::ok).orElseGet(() -> Result.fail(ErrorCode.NOT_FEDERATED,
                "this node is not a member of an alliance (docs/federation.md)"));
    }
}
