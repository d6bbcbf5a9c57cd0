package io.camelmedia.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md "Layout": only io.camelmedia.camel imports Camel; dependencies point one way. */
class PackageRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.camelmedia");
    }

    @Test
    void onlyTheCamelLayerImportsCamel() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.camelmedia.camel..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .because("the protocol, format and codec code must be usable without Camel (DESIGN.md)");
        rule.check(classes);
    }

    @Test
    void coreImportsNeitherQuarkusNorJavaCv() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.camelmedia.frame..", "io.camelmedia.codec..",
                        "io.camelmedia.format..", "io.camelmedia.protocol..", "io.camelmedia.hub..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "org.bytedeco..", "org.apache.camel..")
                .because("frame, codec, format, protocol and hub are plain Java on Netty and the JDK (DESIGN.md)");
        rule.check(classes);
    }

    @Test
    void frameAndCodecAreFreeOfNetty() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.camelmedia.frame..", "io.camelmedia.codec..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .because("the data model and codecs work on byte arrays and are usable anywhere");
        rule.check(classes);
    }

    @Test
    void dependenciesPointOneWay() {
        // camel -> process -> protocol -> format -> codec -> frame; hub is used by protocol and camel
        checkNoDependency("io.camelmedia.frame..", "io.camelmedia.codec..", "io.camelmedia.format..",
                "io.camelmedia.protocol..", "io.camelmedia.process..", "io.camelmedia.hub..", "io.camelmedia.camel..");
        checkNoDependency("io.camelmedia.codec..", "io.camelmedia.format..", "io.camelmedia.protocol..",
                "io.camelmedia.process..", "io.camelmedia.hub..", "io.camelmedia.camel..");
        checkNoDependency("io.camelmedia.format..", "io.camelmedia.protocol..", "io.camelmedia.process..",
                "io.camelmedia.hub..", "io.camelmedia.camel..");
        checkNoDependency("io.camelmedia.protocol..", "io.camelmedia.process..", "io.camelmedia.camel..");
        checkNoDependency("io.camelmedia.process..", "io.camelmedia.camel..");
        checkNoDependency("io.camelmedia.hub..", "io.camelmedia.protocol..", "io.camelmedia.format..",
                "io.camelmedia.process..", "io.camelmedia.camel..");
    }

    @Test
    void noReflection() {
        // native-image needs every reflective access registered; the component makes none (Camel's generated
        // configurers set options), and what libraries and routes reach by reflection is registered in
        // META-INF/native-image/io.camelmedia/camel-media-component (NativeImageConfigTest)
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage("java.lang.reflect..", "java.lang.invoke..")
                .orShould().dependOnClassesThat().belongToAnyOf(java.util.ServiceLoader.class)
                .orShould().callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                                JavaClass.Predicates.type(Class.class)))
                        .and(JavaCall.Predicates.target(HasName.Predicates.nameMatching(
                                "forName|newInstance|get(Declared)?(Method|Field|Constructor)s?|getRecordComponents"))))
                .because("the app must stay native-capable (DESIGN.md \"Native image\")");
        rule.check(classes);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.camelmedia.(*)..").should().beFreeOfCycles().check(classes);
    }

    private static void checkNoDependency(String from, String... to) {
        noClasses().that().resideInAPackage(from).should().dependOnClassesThat().resideInAnyPackage(to)
                .allowEmptyShould(true).check(classes);
    }
}
