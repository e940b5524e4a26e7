package dev.alertmail.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alertmail.internal.config.RedisUri.Node;
import dev.alertmail.internal.config.RedisUri.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisUriTest {

    @Test
    void aPlusInARawPasswordStaysAPlus() {
        RedisUri u = RedisUri.parse("redis://app:p+ss%2Fw%40rd@127.0.0.1:6380/2");
        assertEquals("app", u.user);
        assertEquals("p+ss/w@rd", u.password);
        assertEquals(6380, u.port);
        assertEquals(2, u.database);
        assertEquals(Topology.STANDALONE, u.topology);
        assertEquals("redis://****@127.0.0.1:6380/2", u.toString());
    }

    @Test
    void clusterSeedsAreAllKeptAndTheirPortsDefaultTo6379() {
        RedisUri u = RedisUri.parse("rediss-cluster://:s3cret@node-a:7000,node-b,[::1]:7002");
        assertEquals(Topology.CLUSTER, u.topology);
        assertThat(u.tls).isTrue();
        assertThat(u.nodes).containsExactly(new Node("node-a", 7000), new Node("node-b", 6379), new Node("::1", 7002));
        assertEquals("s3cret", u.password);
        assertEquals("rediss-cluster://****@node-a:7000,node-b:6379,[::1]:7002", u.toString());
    }

    @Test
    void sentinelsNameTheMasterInTheFragmentAndDefaultTo26379() {
        RedisUri u = RedisUri.parse("redis-sentinel://app:pw@s1,s2:26380/3#orders-master");
        assertEquals(Topology.SENTINEL, u.topology);
        assertThat(u.nodes).isEqualTo(List.of(new Node("s1", 26379), new Node("s2", 26380)));
        assertEquals("orders-master", u.masterName);
        assertEquals(3, u.database);
        assertEquals("redis-sentinel://****@s1:26379,s2:26380/3#orders-master", u.toString());
    }

    @Test
    void mistakesAreSaidWithoutThePassword() {
        for (String bad : List.of(
                "redis-cluster://:s3cret@a:7000/0",
                "redis-sentinel://:s3cret@a:26379",
                "redis://:s3cret@a,b",
                "redis://:s3cret@a:99999",
                "redis://:s3cret%zz@a",
                "redis://:s3cret@a#master",
                "valkey://:s3cret@a")) {
            assertThatThrownBy(() -> RedisUri.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .message()
                    .doesNotContain("s3cret");
        }
    }
}
