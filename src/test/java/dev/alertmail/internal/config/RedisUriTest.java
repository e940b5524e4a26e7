package dev.alertmail.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedisUriTest {

    @Test
    void aPlusInARawPasswordStaysAPlus() {
        RedisUri u = RedisUri.parse("redis://app:p+ss%2Fw%40rd@127.0.0.1:6380/2");
        assertEquals("app", u.user);
        assertEquals("p+ss/w@rd", u.password);
        assertEquals(6380, u.port);
        assertEquals(2, u.database);
    }
}
