package dev.alertmail.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void singleLineRemovesEveryControlCharacter() {
        assertEquals("a  b c d e", Text.singleLine("a\r\nb\tc\u0000d\u2028e"));
        assertEquals("plain", Text.singleLine("plain"));
    }

    @Test
    void capNeverSplitsASurrogatePair() {
        String s = "ab\uD83D\uDE00cd"; // a, b, emoji (2 chars), c, d
        String capped = Text.cap(s, 3);
        assertTrue(capped.startsWith("ab…"), capped);
        assertFalse(Character.isHighSurrogate(capped.charAt(2)));
    }

    @Test
    void htmlEscapesMarkupQuotesAndControls() {
        assertEquals(
                "&lt;a href=&quot;javascript:x&quot; onclick=&#39;y&#39;&gt;&amp;\uFFFD",
                Html.escape("<a href=\"javascript:x\" onclick='y'>&\u0001"));
    }
}
