package dev.alertmail.internal.capture;

/**
 * The shapes {@link MessageTemplate} recognises at a position of a message: each returns the end of
 * the token when it matches there, else a negative number; none looks back further than the token.
 */
final class ValueShapes {

    private ValueShapes() {}

    /** 8-4-4-4-12 hex digits. */
    static int uuid(String s, int i, int n) {
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
    static int date(String s, int i, int n) {
        int k = digits(s, i, n, 4);
        if (k < 0
                || !at(s, k, n, '-')
                || (k = digits(s, k + 1, n, 2)) < 0
                || !at(s, k, n, '-')
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
    static int time(String s, int i, int n) {
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
    static int ipv4(String s, int i, int n) {
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
    static int ipv6(String s, int i, int n) {
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
    static int email(String s, int i, int n) {
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
    static int hex(String s, int i, int w) {
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

    static boolean hexDigits(String s, int from, int to) {
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
    static int quoted(String s, int i, int n, char q) {
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

    static int digits(String s, int i, int n, int count) {
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

    static boolean at(String s, int i, int n, char c) {
        return i < n && s.charAt(i) == c;
    }

    /** A token ends where no letter, digit or underscore follows. */
    static boolean endsToken(String s, int k, int n) {
        return k >= n || !isWord(s.charAt(k));
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 128 && Character.isLetter(c));
    }

    static boolean isAlnum(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isWord(char c) {
        return isDigit(c) || isLetter(c) || c == '_';
    }

    static boolean isEmailLocal(char c) {
        return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }
}
