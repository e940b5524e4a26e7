package dev.alertmail.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A PEM file of CA certificates ({@code redisCa}) as the trust of one TLS connection: only these
 * CAs are trusted, and the host name check stays on (the connection's SSL parameters ask for it).
 */
public final class PemCertificates {

    private PemCertificates() {}

    /** What is wrong with the file, in words, or {@code null} when it holds at least one certificate. */
    static @Nullable String problem(String file) {
        try {
            read(file);
            return null;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return file + " cannot be used as CA certificates: " + e.getMessage();
        }
    }

    /** An SSL context that trusts exactly the certificates in {@code file}. */
    public static SSLContext trusting(String file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate c : read(file)) {
            store.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    private static Collection<? extends Certificate> read(String file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            Collection<? extends Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in it");
            }
            return certs;
        }
    }
}
