package dev.alertmail.testing;

/** Errors thrown from distinct code sites, as an application would. */
public final class Failures {

    private Failures() {}

    public static RuntimeException fromSiteA(int id) {
        try {
            throw new IllegalStateException("payment declined for order " + id);
        } catch (IllegalStateException e) {
            return e;
        }
    }

    public static RuntimeException fromSiteB(int id) {
        try {
            throw new IllegalStateException("payment declined for order " + id);
        } catch (IllegalStateException e) {
            return e;
        }
    }

    /** Ten distinct fingerprints: ten message patterns. */
    public static void kind(TestLog log, int kind, int i) {
        switch (kind) {
            case 0:
                log.error("Kind 0 order {} failed", i, fromSiteA(i));
                break;
            case 1:
                log.error("Kind 1 order {} failed", i, fromSiteA(i));
                break;
            case 2:
                log.error("Kind 2 order {} failed", i, fromSiteA(i));
                break;
            case 3:
                log.error("Kind 3 order {} failed", i, fromSiteA(i));
                break;
            case 4:
                log.error("Kind 4 order {} failed", i, fromSiteA(i));
                break;
            case 5:
                log.error("Kind 5 order {} failed", i, fromSiteB(i));
                break;
            case 6:
                log.error("Kind 6 order {} failed", i, fromSiteB(i));
                break;
            case 7:
                log.error("Kind 7 order {} failed", i, fromSiteB(i));
                break;
            case 8:
                log.error("Kind 8 order {} failed", i, fromSiteB(i));
                break;
            default:
                log.error("Kind 9 order {} failed", i, fromSiteB(i));
                break;
        }
    }
}
