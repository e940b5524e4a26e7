package dev.alertmail.spring;

import dev.alertmail.AlertEngine;
import dev.alertmail.internal.config.InvalidConfigException;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.ClassUtils;

/**
 * The bean behind the auto-configuration: attaches the appender as the context comes up (so errors
 * of the rest of the startup already alert) and detaches it, flushing, as the context closes.
 */
public final class AlertmailLifecycle implements InitializingBean, DisposableBean {

    private final AlertmailProperties properties;
    private final String name;
    private volatile @Nullable RootAttachment attachment;

    AlertmailLifecycle(AlertmailProperties properties, String name) {
        this.properties = properties;
        this.name = name;
    }

    @Override
    public void afterPropertiesSet() {
        try {
            properties.toSettings().toConfig(); // say what is wrong here, where Spring users look
        } catch (InvalidConfigException e) {
            LogFactory.getLog(AlertmailLifecycle.class)
                    .error("alertmail is not attached: " + String.join("; ", e.problems()));
            return;
        }
        ClassLoader loader = AlertmailLifecycle.class.getClassLoader();
        RootAttachment a = null;
        if (ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", loader)) {
            a = LogbackRoot.attach(properties, name);
        }
        if (a == null && ClassUtils.isPresent("org.apache.logging.log4j.core.LoggerContext", loader)) {
            a = Log4j2Root.attach(properties, name);
        }
        attachment = a;
        if (a == null) {
            LogFactory.getLog(AlertmailLifecycle.class)
                    .warn("alertmail is not attached: the logging system is neither Logback nor Log4j2");
        }
    }

    /** The running engine, or {@code null} (not attached). */
    public @Nullable AlertEngine engine() {
        RootAttachment a = attachment;
        return a == null ? null : a.engine();
    }

    @Override
    public void destroy() {
        RootAttachment a = attachment;
        attachment = null;
        if (a != null) {
            a.detach();
        }
    }
}
