/**
 * Internal, no stage of its own: escaping, capping and hashing of untrusted text, shared by every
 * stage. Uses nothing else of alertmail.
 */
@NullMarked
package dev.alertmail.internal.text;

import org.jspecify.annotations.NullMarked;
