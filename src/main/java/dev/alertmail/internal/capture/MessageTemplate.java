package dev.alertmail.internal.capture;

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
        INT("<int>"), HEX("<hex>"), UUID("<uuid>"), IP("<ip>"), EMAIL("<email>"), DATE("<date>"), QUOTED("<quoted>");

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

    private MessageTemplate() {
    }

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
                if (end < 0 && (next == '@' || next == '.' || next == '-' || next == '+' || next == '%')
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
                } else if (end < 0 && c == '0' && w - i > 2 && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
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

    // ---- token matchers: the end of the token when it matches at i, else a negative number ----

    /** 8-4-4-4-12 hex digits. */
    private static int uuid(String s, int i, int n) {
        int end = i + 36;
        if (end > n || !endsToken(s, end, n)) {
            return -1;
        }
        for (int k = 0; k < 36; k++) {
            char c = s.charAt(i + k);
            boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
            if (dash ? c != '-' : !isHex(c)) {
                return -1;
            }
        }
        return end;
    }

    /** {@code 2026-06-30}, optionally with a time ({@code T} or a space) and a zone. */
    private static int date(String s, int i, int n) {
        int k = digits(s, i, n, 4);
        if (k < 0 || !at(s, k, n, '-') || (k = digits(s, k + 1, n, 2)) < 0 || !at(s, k, n, '-')
                || (k = digits(s, k + 1, n, 2)) < 0) {
            return -1;
        }
        if ((at(s, k, n, 'T') || at(s, k, n, ' ')) && k + 1 < n && isDigit(s.charAt(k + 1))) {
            int t = time(s, k + 1, n);
            if (t > 0) {
                k = t;
            }
        }
        return endsToken(s, k, n) ? k : -1;
    }

    /** {@code 10:11}, {@code 10:11:12}, {@code 10:11:12.123}, then {@code Z} or an offset. */
    private static int time(String s, int i, int n) {
        int k = digits(s, i, n, 2);
        if (k < 0 || !at(s, k, n, ':') || (k = digits(s, k + 1, n, 2)) < 0) {
            return -1;
        }
        if (at(s, k, n, ':') && digits(s, k + 1, n, 2) > 0) {
            k = digits(s, k + 1, n, 2);
            if ((at(s, k, n, '.') || at(s, k, n, ',')) && k + 1 < n && isDigit(s.charAt(k + 1))) {
                k++;
                while (k < n && isDigit(s.charAt(k))) {
                    k++;
                }
            }
        }
        if (at(s, k, n, 'Z')) {
            k++;
        } else if ((at(s, k, n, '+') || at(s, k, n, '-')) && digits(s, k + 1, n, 2) > 0) {
            int z = digits(s, k + 1, n, 2);
            if (at(s, z, n, ':') && digits(s, z + 1, n, 2) > 0) {
                z = digits(s, z + 1, n, 2);
            } else if (digits(s, z, n, 2) > 0) {
                z = digits(s, z, n, 2);
            }
            k = z;
        }
        return endsToken(s, k, n) ? k : -1;
    }

    /** Four dot-separated numbers of one to three digits. */
    private static int ipv4(String s, int i, int n) {
        int k = i;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (!at(s, k, n, '.')) {
                    return -1;
                }
                k++;
            }
            int start = k;
            while (k < n && k - start < 4 && isDigit(s.charAt(k))) {
                k++;
            }
            if (k == start || k - start > 3) {
                return -1;
            }
        }
        if (at(s, k, n, '.') && k + 1 < n && isDigit(s.charAt(k + 1))) {
            return -1; // a version number with more parts
        }
        return endsToken(s, k, n) ? k : -1;
    }

    /** Hex groups of at most four digits joined by colons: at least two colons and one digit. */
    private static int ipv6(String s, int i, int n) {
        int k = i;
        int colons = 0;
        int group = 0;
        boolean digit = false;
        while (k < n) {
            char c = s.charAt(k);
            if (c == ':') {
                if (++colons > 8) {
                    return -1; // bounded: at most 8 groups are read from any start
                }
                group = 0;
            } else if (isHex(c)) {
                if (++group > 4) {
                    return -1;
                }
                digit |= isDigit(c);
            } else {
                break;
            }
            k++;
        }
        while (k > i && s.charAt(k - 1) == ':' && (k - 2 < i || s.charAt(k - 2) != ':')) {
            k--; // "host:" ends a sentence, "::" may end an address
            colons--;
        }
        return colons >= 2 && colons <= 7 && digit && endsToken(s, k, n) ? k : -1;
    }

    /** local@domain.tld; on failure, minus the position where the local part ended. */
    private static int email(String s, int i, int n) {
        int k = i;
        while (k < n && isEmailLocal(s.charAt(k))) {
            k++;
        }
        int localEnd = k;
        if (k == i || !at(s, k, n, '@')) {
            return -localEnd;
        }
        k++;
        int labelStart = k;
        int dots = 0;
        int lastLabel = 0;
        while (k < n) {
            char c = s.charAt(k);
            if (isAlnum(c) || c == '-') {
                k++;
            } else if (c == '.' && k > labelStart && k + 1 < n && isAlnum(s.charAt(k + 1))) {
                dots++;
                k++;
                labelStart = k;
            } else {
                break;
            }
            lastLabel = k - labelStart;
        }
        return dots > 0 && lastLabel >= 2 && endsToken(s, k, n) ? k : -localEnd;
    }

    /** {@code 0x1f}, or a word (ending at {@code w}) of at least eight hex digits with both a digit and a letter. */
    private static int hex(String s, int i, int w) {
        boolean digit = false;
        boolean letter = false;
        for (int k = i; k < w; k++) {
            if (isDigit(s.charAt(k))) {
                digit = true;
            } else {
                letter = true;
            }
        }
        return digit && letter && w - i >= 8 ? w : -1;
    }

    private static boolean hexDigits(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!isHex(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * From an opening quote at a word boundary to the same quote followed by a non-word character,
     * on the same line; on failure, minus where the search stopped (no later opener before it can
     * succeed either).
     */
    private static int quoted(String s, int i, int n, char q) {
        for (int k = i + 1; k < n; k++) {
            char c = s.charAt(k);
            if (c == '\n' || c == '\r') {
                return -k;
            }
            if (c == q && (k + 1 == n || !isWord(s.charAt(k + 1)))) {
                return k + 1;
            }
        }
        return -n;
    }

    // ---- characters ----

    private static int digits(String s, int i, int n, int count) {
        if (i + count > n) {
            return -1;
        }
        for (int k = i; k < i + count; k++) {
            if (!isDigit(s.charAt(k))) {
                return -1;
            }
        }
        return i + count;
    }

    private static boolean at(String s, int i, int n, char c) {
        return i < n && s.charAt(i) == c;
    }

    /** A token ends where no letter, digit or underscore follows. */
    private static boolean endsToken(String s, int k, int n) {
        return k >= n || !isWord(s.charAt(k));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 128 && Character.isLetter(c));
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWord(char c) {
        return isDigit(c) || isLetter(c) || c == '_';
    }

    private static boolean isEmailLocal(char c) {
        return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }
}
