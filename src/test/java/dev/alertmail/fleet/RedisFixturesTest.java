package dev.alertmail.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alertmail.testing.RedisCluster;
import dev.alertmail.testing.RedisSentinels;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisMovedDataException;

/** The Redis Cluster and Sentinel fixtures do what the fleet tests rely on, against real Redis. */
class RedisFixturesTest {

    @Test
    void clusterRoutesKeysTakesAnEmptySeedAndPromotesReplicas() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3, 1)) {
            assertThat(cluster.ports()).hasSize(6);
            assertThat(cluster.masters()).hasSize(3);
            String key = "alertmail:{fixture}:lease";
            int master = cluster.masterOf(key);
            try (Jedis j = cluster.client(master)) {
                assertThat(j.set(key, "replica-1")).isEqualTo("OK");
                assertThat(j.waitReplicas(1, 10_000)).isEqualTo(1);
            }

            int empty = cluster.addEmptyMaster();
            assertThat(cluster.ports()).hasSize(7).contains(empty);
            assertThat(cluster.masters()).hasSize(3).doesNotContain(empty);
            for (int p : cluster.ports()) {
                String line = cluster.clusterNodes(p)
                        .lines()
                        .filter(l -> l.contains("127.0.0.1:" + empty + "@"))
                        .findFirst()
                        .orElseThrow();
                assertThat(line).contains("master");
                assertThat(line.split(" "))
                        .as("no slot after the 8 fields: " + line)
                        .hasSize(8);
            }
            try (Jedis j = cluster.client(empty)) {
                assertThatThrownBy(() -> j.get(key))
                        .isInstanceOf(JedisMovedDataException.class)
                        .hasMessageContaining("127.0.0.1:" + master);
            }
            assertThat(RedisCluster.seedUri(empty)).isEqualTo("redis-cluster://127.0.0.1:" + empty);
            assertThat(cluster.uri().split(",")).hasSize(7);

            int replica = cluster.replicasOf(master).get(0);
            assertThat(cluster.killMasterAndAwaitPromotion(master)).isEqualTo(replica);
            assertThat(cluster.ports()).hasSize(6).doesNotContain(master);
            assertThat(cluster.masterOf(key)).isEqualTo(replica);
            try (Jedis j = cluster.client(replica)) {
                assertThat(j.get(key)).isEqualTo("replica-1");
            }

            int other = cluster.masters().stream()
                    .filter(p -> p != replica)
                    .findFirst()
                    .orElseThrow();
            int otherReplica = cluster.replicasOf(other).get(0);
            cluster.failover(otherReplica);
            assertThat(cluster.masters()).contains(otherReplica).doesNotContain(other);
            assertThat(cluster.replicasOf(otherReplica)).containsExactly(other);
        }
    }

    @Test
    void sentinelsNameTheReplicaWhenTheMasterIsKilled() throws Exception {
        try (RedisSentinels sentinels = RedisSentinels.start()) {
            int master = sentinels.masterPort();
            int replica = sentinels.dataPorts().get(1);
            assertThat(sentinels.dataPorts().get(0)).isEqualTo(master);
            assertThat(sentinels.uri())
                    .isEqualTo("redis-sentinel://127.0.0.1:"
                            + sentinels.sentinelPorts().get(0) + ",127.0.0.1:"
                            + sentinels.sentinelPorts().get(1) + ",127.0.0.1:"
                            + sentinels.sentinelPorts().get(2)
                            + "#mymaster");
            try (Jedis j = sentinels.client(master)) {
                j.set("alertmail:lease", "replica-1");
                assertThat(j.waitReplicas(1, 10_000)).isEqualTo(1);
            }

            assertThat(sentinels.killMaster()).isEqualTo(master);
            assertThat(sentinels.awaitFailover(master)).isEqualTo(replica);
            assertThat(sentinels.masterPort()).isEqualTo(replica);
            try (Jedis j = sentinels.client(replica)) {
                assertThat(j.get("alertmail:lease")).isEqualTo("replica-1");
            }
        }
    }
}
