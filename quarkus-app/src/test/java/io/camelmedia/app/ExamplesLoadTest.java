package io.camelmedia.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * Every YAML route the README shows and every YAML file under examples/ starts in the app as built: an example
 * naming a component the app lacks fails here ("No endpoint could be found for ..."), not on a user's machine.
 * Ports in the examples are swapped for free ones (the app's own and a developer's running app keep theirs);
 * directories go to a temporary folder. Each example's routes are removed again after they started.
 */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
class ExamplesLoadTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern PORT = Pattern.compile("((?:rtmp|rtp|srt|netty:udp|netty:tcp)://[^:/\"\\s]+):(\\d+)");

    @Inject
    CamelContext camel;

    /** The README's ```yaml blocks and the examples' .yaml files, by a name for messages. */
    static List<String[]> examples() throws IOException {
        List<String[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(ROOT.resolve("README.md")));
        int n = 0;
        while (m.find()) {
            out.add(new String[] {"README.md yaml block " + ++n, m.group(1)});
        }
        try (Stream<Path> files = Files.walk(ROOT.resolve("examples"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                out.add(new String[] {ROOT.relativize(p).toString(), Files.readString(p)});
            }
        }
        return out;
    }

    @Test
    void everyExampleStartsInTheApp() throws Exception {
        List<String[]> examples = examples();
        assertTrue(examples.size() >= 6, "README block + examples found: " + examples.size());
        Path tmp = Files.createTempDirectory("examples");
        for (String[] e : examples) {
            String yaml = freePorts(e[1]).replace("{{mjr.in:recordings}}", tmp.resolve("in").toString())
                    .replace("{{mjr.out:converted}}", tmp.resolve("out").toString())
                    .replace("file:keyframes", "file:" + tmp.resolve("keyframes"))
                    .replace("file:uploads", "file:" + tmp.resolve("uploads"))
                    .replace("directory=recordings", "directory=" + tmp.resolve("recordings"));
            Set<String> before = ids();
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(e[0].replaceAll("[^A-Za-z0-9]+", "-") + ".yaml", yaml));
            Set<String> added = ids();
            added.removeAll(before);
            try {
                assertFalse(added.isEmpty(), e[0] + ": no route loaded");
                for (String id : added) {
                    assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus(id), e[0] + ": route " + id);
                }
            } finally {
                for (String id : added) {
                    camel.getRouteController().stopRoute(id);
                    camel.removeRoute(id);
                }
            }
        }
    }

    private Set<String> ids() {
        Set<String> s = new HashSet<>();
        for (Route r : camel.getRoutes()) {
            s.add(r.getRouteId());
        }
        return s;
    }

    /** Each host:port of a media or netty URI gets a port free for both TCP and UDP. */
    static String freePorts(String yaml) throws IOException {
        Matcher m = PORT.matcher(yaml);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + ":" + freePort()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static int freePort() throws IOException {
        for (int i = 0; i < 100; i++) {
            int p;
            try (DatagramSocket s = new DatagramSocket(0)) {
                p = s.getLocalPort() & ~1;   // RTP takes p and p+1 (RTCP): an even one
            }
            try (DatagramSocket a = new DatagramSocket(p); DatagramSocket b = new DatagramSocket(p + 1);
                 ServerSocket t = new ServerSocket(p)) {
                return p;
            } catch (IOException busy) {
                // another one
            }
        }
        throw new IOException("no free port pair");
    }
}
