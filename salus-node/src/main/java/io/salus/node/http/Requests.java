package io.salus.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import io.salus.core.account.AccountId;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.record.RecordId;
import java.util.Optional;

/** Reading request parts into values, with failures as values. */
final class Requests {
    private static final int MAX_JSON_BYTES = 1 << 20;

    private Requests() {
    }

    static <T> Result<T> json(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_JSON_BYTES) {
            return Result.fail(ErrorCode.BODY_TOO_LARGE, "request body over " + MAX_JSON_BYTES + " bytes");
        }
        try {
            T value = Json.mapper().readValue(body, type);
            if (value == null) {
                return Result.fail(ErrorCode.INVALID_REQUEST, "the body must be a JSON object");
            }
            return Result.ok(value);
        } catch (UnrecognizedPropertyException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "unknown field '" + e.getPropertyName() + "'",
                    e.getPropertyName()));
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "unexpected value: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return Result.fail(ErrorCode.INVALID_JSON, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return Result.fail(ErrorCode.INVALID_JSON, "the body could not be read");
        }
    }

    static Result<AccountId> accountId(Context ctx, String param) {
        return AccountId.parse(ctx.pathParam(param)).<Result<AccountId>>map(Result::ok)
                .orElseGet(() -> Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, param + " must be a UUID", param)));
    }

    static Result<RecordId> recordId(Context ctx, String param) {
        return RecordId.parse(ctx.pathParam(param)).<Result<RecordId>>map(Result::ok)
                .orElseGet(() -> Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, param + " must be a UUID", param)));
    }

    /** An optional Idempotency-Key header: 1 to 200 printable ASCII characters. */
    static Result<Optional<String>> idempotencyKey(Context ctx) {
        String k = ctx.header("Idempotency-Key");
        if (k == null) {
            return Result.ok(Optional.empty());
        }
        if (k.isEmpty() || k.length() > 200 || !k.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST,
                    "Idempotency-Key must be 1 to 200 printable ASCII characters", "Idempotency-Key"));
        }
        return Result.ok(Optional.of(k));
    }
}
