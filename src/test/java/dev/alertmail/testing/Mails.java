package dev.alertmail.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the parts of a received alert email the way a test needs them. */
public final class Mails {

    private static final Pattern INCIDENT_LINE = Pattern.compile("(?m)^\\[(\\d+)] (\\d+) x (.*)$");

    private Mails() {}

    public static String part(MimeMessage m, String mimeType) throws Exception {
        Multipart mp = (Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.isMimeType(mimeType)) {
                return ((String) p.getContent()).replace("\r\n", "\n"); // MIME's CRLF, read as plain lines
            }
        }
        throw new AssertionError("no " + mimeType + " part in " + m.getContentType());
    }

    public static String text(MimeMessage m) throws Exception {
        return part(m, "text/plain");
    }

    public static String html(MimeMessage m) throws Exception {
        return part(m, "text/html");
    }

    public static String header(MimeMessage m, String name) throws Exception {
        return m.getHeader(name, null);
    }

    /** Incident title → count, as listed in the plain-text part ("[1] 1000 x Title"). */
    public static Map<String, Long> incidentCounts(MimeMessage m) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher matcher = INCIDENT_LINE.matcher(text(m));
        while (matcher.find()) {
            counts.merge(matcher.group(3), Long.parseLong(matcher.group(2)), Long::sum);
        }
        return counts;
    }

    /** Per-incident counts in the order the email lists them. */
    public static java.util.List<Long> counts(MimeMessage m) throws Exception {
        java.util.List<Long> counts = new java.util.ArrayList<>();
        Matcher matcher = INCIDENT_LINE.matcher(text(m));
        while (matcher.find()) {
            counts.add(Long.parseLong(matcher.group(2)));
        }
        return counts;
    }

    public static long totalCount(MimeMessage m) throws Exception {
        return counts(m).stream().mapToLong(Long::longValue).sum();
    }
}
