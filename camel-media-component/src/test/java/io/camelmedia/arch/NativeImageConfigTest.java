package io.camelmedia.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.camelmedia.frame.StreamInfo;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

/**
 * The component's GraalVM reflection registrations (META-INF/native-image/io.camelmedia/camel-media-component) name
 * classes and constructors that exist, and cover every public class of the data model routes reach through
 * Camel's simple language. No GraalVM here: a misspelt or stale name would otherwise only show in a user's
 * native build (as a missing registration at run time).
 */
class NativeImageConfigTest {
    private static final String CONFIG = "META-INF/native-image/io.camelmedia/camel-media-component/reflect-config.json";

    @Test
    void everyRegisteredClassAndConstructorExists() throws Exception {
        for (Map<String, Object> entry : entries()) {
            String name = (String) entry.get("name");
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> methods = (List<Map<String, Object>>) entry.getOrDefault("methods", List.of());
            for (Map<String, Object> m : methods) {
                assertEquals("<init>", m.get("name"), name + ": only constructors are registered by name");
                assertEquals(List.of(), m.get("parameterTypes"), name);
                assertNotNull(type.getConstructor(), name + " has a public no-argument constructor");
            }
        }
    }

    @Test
    void theWholeDataModelIsRegistered() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (Map<String, Object> entry : entries()) {
            registered.add((String) entry.get("name"));
        }
        // every public class of io.camelmedia.frame but the listener interface, which routes never call
        Set<String> model = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(StreamInfo.class.getPackageName())) {
            if (c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC) && !c.isInterface()) {
                model.add(c.getName());
            }
        }
        assertTrue(model.contains(StreamInfo.class.getName()), "imported " + model);
        assertTrue(registered.containsAll(model), "registered " + registered + ", data model " + model);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> entries() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CONFIG)) {
            assertNotNull(in, CONFIG + " on the classpath");
            return (List<Map<String, Object>>) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
