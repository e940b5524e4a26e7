/**
 * Internal, the engine: wires the stages behind one appender (capture and counting on the
 * application thread; the worker's tick of planning, delivery and the fleet) and implements the
 * API's {@link dev.alertmail.AlertEngine}. What the adapters need (building from a configuration,
 * recording an event) is here, public but internal. Uses: every stage, and the API's interfaces.
 */
@NullMarked
package dev.alertmail.internal.engine;

import org.jspecify.annotations.NullMarked;
