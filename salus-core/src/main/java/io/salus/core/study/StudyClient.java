package io.salus.core.study;

import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.port.SecureAggregator.Published;
import java.util.Map;

/**
 * Port: the round calls to another member over the signed node-to-node channel (RFC 9421). A member that cannot be
 * reached or answers late is {@code MEMBER_UNREACHABLE}; its refusals keep their codes.
 */
public interface StudyClient {
    Result<Published> begin(Member member, RoundCalls.Begin call);

    Result<Map<Integer, byte[]>> share(Member member, RoundCalls.Share call);

    Result<RoundCalls.Masked> mask(Member member, RoundCalls.Mask call);

    Result<RoundCalls.Shares> unmask(Member member, RoundCalls.Unmask call);

    Result<RoundCalls.PayeeList> payees(Member member, RoundCalls.Payees call);
}
