package dev.alertmail.internal.capture;

import static dev.alertmail.internal.capture.ValueShapes.date;
import static dev.alertmail.internal.capture.ValueShapes.email;
import static dev.alertmail.internal.capture.ValueShapes.hex;
import static dev.alertmail.internal.capture.ValueShapes.hexDigits;
import static dev.alertmail.internal.capture.ValueShapes.ipv4;
import static dev.alertmail.internal.capture.ValueShapes.ipv6;
import static dev.alertmail.internal.capture.ValueShapes.isAlnum;
import static dev.alertmail.internal.capture.ValueShapes.isDigit;
import static dev.alertmail.internal.capture.ValueShapes.isHex;
import static dev.alertmail.internal.capture.ValueShapes.isLetter;
import static dev.alertmail.internal.capture.ValueShapes.isWord;
import static dev.alertmail.internal.capture.ValueShapes.quoted;
import static dev.alertmail.internal.capture.ValueShapes.time;
import static dev.alertmail.internal.capture.ValueShapes.uuid;

import dev.alertmail.internal.text.Hashing;

/**
 * A message's template: the message with its variable parts replaced by placeholders, so that
 * {@code "Charge failed for order ORD-" + id + " after " + ms + " ms"} is one incident whatever
 * the values (as Sentry's message parameterization does). Replaced, at a word boundary: UUIDs,
 * ISO-8601 dates and times, IPv4 and IPv6 addresses, e-mail addresses, hex ids ({@code 0x1f}, or
 * eight or more hex digits with a digit and a letter), quoted values ({@code 'x'}, {@code "x"}),
 * and digit runs not glued to a letter on their left ({@code ORD-42} and {@code 42ms} lose their
 * number, {@code IPv4}, {@code log4j} and {@code S3} keep it). Everything else stays: two different
 * sentences stay two templates, and SLF4J's {@code {}} are kept as they are.
 *
 * <p>One pass, no regular expressions, no allocation: the scanner hands characters and
 * placeholders to a {@link Sink} (the fingerprint's hashing lanes); it never goes back further
 * than the token it is in, so a hostile message costs linear time. At most
 * {@value Hashing#MAX_HASHED_CHARS} characters are read.
 */
public final class MessageTemplate {

    /** What a variable part became. */
    enum Kind {
        INT("<int>"),
        HEX("<hex>"),
        UUID("<uuid>"),
        IP("<ip>"),
        EMAIL("<email>"),
        DATE("<date>"),
        QUOTED("<quoted>");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    /** Receives the template, one character or placeholder at a time. */
    interface Sink {
        void text(char c);

        void placeholder(Kind kind);
    }

    private MessageTemplate() {}

    /** The template as text, e.g. {@code Charge failed for order ORD-<int> after <int> ms} (tests, documentation). */
    public static String of(String message) {
        StringBuilder out = new StringBuilder(message.length());
        scan(message, new Sink() {
            @Override
            public void text(char c) {
                out.append(c);
            }

            @Override
            public void placeholder(Kind kind) {
                out.append(kind.text);
            }
        });
        return out.toString();
    }

    static void scan(String s, Sink out) {
        int n = Math.min(s.length(), Hashing.MAX_HASHED_CHARS);
        int noEmailBefore = 0; // an e-mail scan that failed there fails for every start before it too
        int noSingleQuoteBefore = 0;
        int noDoubleQuoteBefore = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            boolean boundary = i == 0 || !isWord(s.charAt(i - 1));
            if (boundary && isAlnum(c)) {
                // one look at the word decides which matchers can apply
                int w = i;
                boolean allHex = true;
                boolean digit = false;
                while (w < n && isWord(s.charAt(w))) {
                    char x = s.charAt(w++);
                    allHex &= isHex(x);
                    digit |= isDigit(x);
                }
                char next = w < n ? s.charAt(w) : ' ';
                int end = -1;
                Kind kind = Kind.HEX;
                if (next == '-' && allHex && w - i == 8) {
                    end = uuid(s, i, n);
                    kind = Kind.UUID;
                }
                if (end < 0 && isDigit(c) && (next == '-' || next == ':' || next == '.')) {
                    end = date(s, i, n);
                    kind = Kind.DATE;
                    if (end < 0) {
                        end = time(s, i, n);
                    }
                    if (end < 0) {
                        end = ipv4(s, i, n);
                        kind = Kind.IP;
                    }
                }
                if (end < 0
                        && (next == '@' || next == '.' || next == '-' || next == '+' || next == '%')
                        && i >= noEmailBefore) {
                    end = email(s, i, n);
                    kind = Kind.EMAIL;
                    if (end < 0) {
                        noEmailBefore = -end;
                    }
                }
                if (end < 0 && next == ':' && allHex) {
                    end = ipv6(s, i, n);
                    kind = Kind.IP;
                }
                if (end < 0 && allHex) {
                    end = hex(s, i, w);
                    kind = Kind.HEX;
                } else if (end < 0
                        && c == '0'
                        && w - i > 2
                        && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                        && hexDigits(s, i + 2, w)) {
                    end = w;
                    kind = Kind.HEX;
                }
                if (end > 0) {
                    out.placeholder(kind);
                    i = end;
                    continue;
                }
            } else if (boundary && (c == '\'' || c == '"')) {
                int from = c == '\'' ? noSingleQuoteBefore : noDoubleQuoteBefore;
                if (i >= from) {
                    int end = quoted(s, i, n, c);
                    if (end > 0) {
                        out.placeholder(Kind.QUOTED);
                        i = end;
                        continue;
                    }
                    if (c == '\'') {
                        noSingleQuoteBefore = -end;
                    } else {
                        noDoubleQuoteBefore = -end;
                    }
                }
            }
            if (isDigit(c) && (i == 0 || !isLetter(s.charAt(i - 1)))) {
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                out.placeholder(Kind.INT);
                continue;
            }
            out.text(c);
            i++;
        }
    }
}
