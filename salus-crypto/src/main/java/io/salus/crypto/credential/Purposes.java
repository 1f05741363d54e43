package io.salus.crypto.credential;

import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code purposes} claim: a non-empty list of PurposeOfUse codes. Stateless and thread-safe. */
final class Purposes {
    private Purposes() {
    }

    static Result<Integer> mask(Object claim) {
        if (!(claim instanceof List<?> list) || list.isEmpty()) {
            return Result.fail(ErrorCode.CREDENTIAL_MALFORMED, "purposes must be a non-empty list of codes");
        }
        Set<Purpose> ps = EnumSet.noneOf(Purpose.class);
        for (Object o : list) {
            Optional<Purpose> p = o instanceof String s ? Purpose.parse(s) : Optional.empty();
            if (p.isEmpty()) {
                return Result.fail(ErrorCode.CREDENTIAL_MALFORMED, "unknown purpose " + o);
            }
            ps.add(p.get());
        }
        return Result.ok(Purpose.maskOf(ps));
    }
}
