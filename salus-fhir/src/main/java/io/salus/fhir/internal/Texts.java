package io.salus.fhir.internal;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Small text helpers: a request body's text, failure messages. Thread-safe (stateless). */
public final class Texts {

    private static final int MAX = 120;

    private Texts() {
    }

    /** The text cut to a readable length, so a hostile value cannot blow up an error message. */
    public static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= MAX ? text : text.substring(0, MAX) + "... (" + text.length() + " chars)";
    }

    /** A body as strict UTF-8 text (a leading byte-order mark dropped); INVALID_JSON when it is not UTF-8. */
    public static Result<String> utf8(byte[] json) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(json)).toString();
            return Result.ok(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            return Failure.of(ErrorCode.INVALID_JSON, "the body is not UTF-8 text").asResult();
        }
    }
}
