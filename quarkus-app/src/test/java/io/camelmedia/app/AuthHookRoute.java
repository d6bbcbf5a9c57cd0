package io.camelmedia.app;

import org.apache.camel.builder.RouteBuilder;

/**
 * A user's auth route, as the README shows it: with {@code camel.media.auth.hook=direct:app-auth} it decides
 * what the static keys do not allow. Here key {@code hookkey1} may publish and read {@code live/hooked} and nothing
 * else; a publisher giving only the key is mapped to that path.
 */
public class AuthHookRoute extends RouteBuilder {
    @Override
    public void configure() {
        from("direct:app-auth").routeId("app-auth")
                .choice()
                    .when(simple("${header.CamelMediaAuthKey} == 'hookkey1' && ${header.CamelMediaAuthPath} == null"))
                        .setHeader("CamelMediaAuthPath", constant("live/hooked"))
                    .when(simple("${header.CamelMediaAuthKey} == 'hookkey1' && ${header.CamelMediaAuthPath} == 'live/hooked'"))
                        .log("auth hook: ${header.CamelMediaAuthProtocol} ${header.CamelMediaAuthAction} allowed")
                    .otherwise()
                        .setHeader("CamelMediaAuthAllowed", constant(false));
    }
}
