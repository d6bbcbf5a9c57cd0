package io.camelmedia.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one node) inside the test JVM, from the Kafka jars
 * on Maven Central: its storage formatted by Kafka's own StorageTool, on free loopback ports, in a temporary
 * directory removed on close. As a Quarkus test resource it gives the app {@code kafka.brokers}.
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager, AutoCloseable {
    /** Largest record the broker takes: a 1080p key frame is a few hundred KB, a 4K one can pass 1 MB. */
    static final int MAX_MESSAGE = 8 * 1024 * 1024;

    private Path dir;
    private KafkaRaftServer server;
    private String bootstrap;

    /** Formats a new log directory and starts the node; returns when it answers an admin request. */
    public KafkaBroker start(String... topics) {
        try {
            dir = Files.createTempDirectory("kafka");
            int brokerPort = freePort();
            int controllerPort = freePort();
            bootstrap = "127.0.0.1:" + brokerPort;
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://" + bootstrap + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://" + bootstrap);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("log.dirs", dir.resolve("log").toString());
            p.put("offsets.topic.replication.factor", "1");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("num.partitions", "1");
            p.put("message.max.bytes", Integer.toString(MAX_MESSAGE));
            Path config = dir.resolve("server.properties");
            try (var out = Files.newOutputStream(config)) {
                p.store(out, "KafkaBroker");
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                    new PrintStream(log, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("kafka-storage format failed (" + rc + "): " + log.toString(StandardCharsets.UTF_8));
            }
            server = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
            server.startup();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                List<NewTopic> wanted = Stream.of(topics).map(t -> new NewTopic(t, 1, (short) 1)
                        .configs(Map.of("max.message.bytes", Integer.toString(MAX_MESSAGE)))).toList();
                admin.createTopics(wanted).all().get(60, TimeUnit.SECONDS);
                admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
            }
            return this;
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Kafka broker did not start: " + e, e);
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temporary directory
            }
            dir = null;
        }
    }

    @Override
    public Map<String, String> start() {
        start("media.frames", "media.segments");
        return Map.of("kafka.brokers", bootstrap);
    }

    @Override
    public void stop() {
        close();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
