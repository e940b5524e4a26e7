package dev.alertmail.internal.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Names are looked up off the worker, within the call's timeout; address literals need no lookup. */
class RedisConnectionTest {

    @Test
    void literalsAndLocalhostResolveAndAMissingNameIsSaidWithinTheTimeout() {
        assertThatCode(() -> RedisConnection.lookUpWithin("127.0.0.1", 1)).doesNotThrowAnyException();
        assertThatCode(() -> RedisConnection.lookUpWithin("::1", 1)).doesNotThrowAnyException();
        assertThatCode(() -> RedisConnection.lookUpWithin("localhost", 5_000)).doesNotThrowAnyException();
        long start = System.nanoTime();
        assertThatThrownBy(() -> RedisConnection.lookUpWithin("no-such-redis.invalid", 1_000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-redis.invalid");
        assertThat(System.nanoTime() - start)
                .as("bounded by its timeout (1 s), whatever the resolver does")
                .isLessThan(3_000_000_000L);
    }
}
