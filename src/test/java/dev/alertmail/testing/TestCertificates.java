package dev.alertmail.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA and server certificates made by {@code openssl} for one test run (as Memorystore
 * or a self-hosted Redis hands out its own CA): one certificate for 127.0.0.1, one for another name.
 */
public final class TestCertificates {

    public final Path dir;
    public final Path ca;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.ca = dir.resolve("ca.crt");
    }

    public static TestCertificates create() throws IOException, InterruptedException {
        TestCertificates c = new TestCertificates(Files.createTempDirectory("alertmail-tls"));
        c.openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt",
                "-days",
                "2",
                "-subj",
                "/CN=alertmail test CA");
        c.server("loopback", "IP:127.0.0.1,DNS:localhost");
        c.server("other", "DNS:redis.other.example");
        return c;
    }

    /** The server certificate and key named {@code name} ({@code loopback} or {@code other}). */
    public Path cert(String name) {
        return dir.resolve(name + ".crt");
    }

    public Path key(String name) {
        return dir.resolve(name + ".key");
    }

    /** {@code redis-server} options for a TLS port serving certificate {@code name}. */
    public String[] redisTls(int tlsPort, String name) {
        return new String[] {
            "--tls-port", Integer.toString(tlsPort),
            "--tls-cert-file", cert(name).toString(),
            "--tls-key-file", key(name).toString(),
            "--tls-ca-cert-file", ca.toString(),
            "--tls-auth-clients", "no"
        };
    }

    private void server(String name, String subjectAltNames) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=" + subjectAltNames + "\n");
        openssl(
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".csr",
                "-subj",
                "/CN=" + name);
        openssl(
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                name + ".crt",
                "-days",
                "2",
                "-extfile",
                name + ".ext");
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("openssl " + String.join(" ", args) + " failed (the TLS tests need the openssl"
                    + " command, Debian package openssl): " + Files.readString(dir.resolve("openssl.log")));
        }
    }
}
