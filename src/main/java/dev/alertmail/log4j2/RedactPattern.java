package dev.alertmail.log4j2;

import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.config.plugins.PluginValue;

/**
 * {@code <Redact>card=\d{12,19}</Redact>} inside {@code <ResendAlert>}: one regular expression per
 * element, repeatable (a comma inside a pattern stays a comma).
 */
@Plugin(name = "Redact", category = Node.CATEGORY, printObject = true)
public final class RedactPattern {

    private final String pattern;

    private RedactPattern(String pattern) {
        this.pattern = pattern;
    }

    @PluginFactory
    public static RedactPattern of(@PluginValue("pattern") String pattern) {
        return new RedactPattern(pattern);
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
