package dev.alertmail.internal.config;

import java.util.Arrays;

/** The {@code sslTrust} rule exactly as Angus Mail applies it ({@code SocketFetcher}, {@code MailSSLSocketFactory}). */
public final class TlsTrust {

    private TlsTrust() {}

    /** {@code "*"}, or the host listed verbatim (case-sensitive) among whitespace-separated names. */
    public static boolean trusts(String sslTrust, String host) {
        return sslTrust.equals("*") || listsExactly(sslTrust, host);
    }

    /** The host named among the whitespace-separated names (not through {@code "*"}). */
    public static boolean listsExactly(String sslTrust, String host) {
        return Arrays.asList(sslTrust.split("\\s+")).contains(host);
    }
}
