package dev.alertmail.bench;

/** Exceptions as applications throw them: from one site, at a chosen stack depth. */
final class Failures {

    private Failures() {}

    /** A fresh exception whose stack is {@code depth} frames deeper than the caller's. */
    static Exception at(int depth) {
        return depth <= 0 ? new IllegalStateException("payment declined") : at(depth - 1);
    }
}
