package io.salus.node.fhir;

import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.smart.TokenChecks;
import io.salus.core.usecase.AccountService;
import io.salus.fhir.server.FhirAuthenticator;
import io.salus.fhir.server.FhirCaller;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who calls the FHIR API and the Bulk Data endpoints: {@code Authorization: Bearer} with a Salus API token
 * ({@code salus_...}) or a SMART access token; the purpose of use from {@value FhirAuthenticator#PURPOSE_HEADER}.
 * Erased accounts are refused. Thread-safe.
 */
final class FhirCallers implements FhirAuthenticator {
    private final AccountService accounts;
    private final TokenChecks tokens;
    private final Predicate<io.salus.core.account.AccountId> erased;

    FhirCallers(AccountService accounts, TokenChecks tokens, Predicate<io.salus.core.account.AccountId> erased) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.erased = erased;
    }

    @Override
    public Result<FhirCaller> authenticate(Optional<String> authorization, Optional<String> purposeHeader) {
        Optional<Purpose> purpose = Optional.empty();
        if (purposeHeader.isPresent()) {
            purpose = Purpose.parse(purposeHeader.get());
            if (purpose.isEmpty()) {
                return Result.fail(ErrorCode.INVALID_REQUEST, PURPOSE_HEADER + " must be an HL7 PurposeOfUse code "
                        + "such as TREAT or HRESCH");
            }
        }
        String h = authorization.orElse("");
        if (!h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Result.fail(ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <API token or access token>");
        }
        String token = h.substring(7).trim();
        Result<FhirCaller> caller;
        if (token.startsWith("salus_")) {
            Optional<Purpose> p = purpose;
            caller = accounts.authenticate(token).<Result<FhirCaller>>map(a -> Result.ok(FhirCaller.apiToken(a, p)))
                    .orElseGet(() -> Result.fail(ErrorCode.UNAUTHENTICATED, "unknown or malformed API token"));
        } else {
            caller = tokens.access(token).map(a -> new FhirCaller(a.patient(), Optional.empty(),
                    Optional.of(a.clientId()), Optional.of(a.scopes())));
        }
        return caller.flatMap(c -> erased.test(c.account().id())
                ? Result.fail(ErrorCode.PATIENT_ERASED, "the account was erased")
                : Result.ok(c));
    }
}
