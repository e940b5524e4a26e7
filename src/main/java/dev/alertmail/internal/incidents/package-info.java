/**
 * Internal, stage 2 (incidents): the bounded Caffeine store of fingerprint to incident with exact
 * counts, retirement without losing late hits, and each incident's timeline. Uses: capture, text.
 */
@NullMarked
package dev.alertmail.internal.incidents;

import org.jspecify.annotations.NullMarked;
