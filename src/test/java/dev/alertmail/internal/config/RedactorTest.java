package dev.alertmail.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Where the safe part of a redacted head ends, whatever the replacements did to its length. */
class RedactorTest {

    private final Redactor redactor =
            new Redactor(List.of(Pattern.compile("card=\\d{12,19}"), Pattern.compile("token,[a-z0-9]+")), "");

    private String shown(String head, int safe) {
        Redactor.Redacted r = redactor.applyHead(head, safe);
        return r.text().substring(0, r.safeEnd());
    }

    @Test
    void theSafePartFollowsEveryReplacementBeforeIt() {
        String head = "token,abcdefghijklmnop next card=4111111111111111 tail card=41111";
        int safe = head.indexOf(" tail");
        assertEquals("[redacted] next [redacted]", shown(head, safe));
        assertEquals(redactor.apply(head), redactor.applyHead(head, safe).text());
    }

    @Test
    void aMatchAcrossTheSafeEndIsShownWholeAsItsReplacement() {
        String head = "x token,abcdefghijklmnop y card=41";
        assertEquals("x [redacted]", shown(head, head.indexOf("defg")));
    }

    @Test
    void aShortMatchMakesTheTextLongerAndTheSafeEndMovesWithIt() {
        String head = "a token,b c card=12";
        assertEquals("a [redacted] c", shown(head, head.indexOf(" card")));
    }

    @Test
    void withoutAMatchTheSafeEndStays() {
        assertEquals("plain", shown("plain text", 5));
        assertEquals(5, new Redactor(List.of(), "").applyHead("plain text", 5).safeEnd());
    }
}
