package dev.alertmail.spring;

import dev.alertmail.AlertEngine;
import org.jspecify.annotations.Nullable;

/** An alertmail appender attached to the root logger of the running logging system, until detached. */
interface RootAttachment {

    /** {@code null} when the appender did not start (its configuration errors were reported). */
    @Nullable
    AlertEngine engine();

    /** Detaches and stops the appender: pending alerts are flushed within {@code shutdownTimeout}. */
    void detach();
}
