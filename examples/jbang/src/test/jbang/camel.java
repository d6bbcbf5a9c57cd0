///usr/bin/env jbang "$0" "$@" ; exit $?
// What `jbang app install camel@apache/camel` installs as `camel` (Apache Camel's CamelJBang.java), pinned to the
// Camel version this project builds with. The Kamelets catalog the original also lists is left out: no Kamelets
// release matches 4.17.0, and `camel run` fetches its default one (4.16.0) itself.
//JAVA 17+
//DEPS org.apache.camel:camel-bom:${camel.jbang.version:4.17.0}@pom
//DEPS org.apache.camel:camel-jbang-core:${camel.jbang.version:4.17.0}

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

public class camel {

    public static void main(String... args) {
        CamelJBangMain.run(args);
    }
}
