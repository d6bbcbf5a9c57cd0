package io.camelmedia.camel;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Lets the {@code CamelMedia*} headers cross a transport whose component drops every {@code Camel*} header by
 * default (Kafka, JMS, HTTP...), so the stream path, event, codec and timestamps travel with each message as
 * transport headers; every other Camel header, and Kafka's own {@code kafka.*}, stays filtered as the Kafka
 * component filters them. Use it as the endpoint's {@code headerFilterStrategy} (the app binds it as
 * {@code #mediaHeaders}).
 */
public class MediaHeaderFilterStrategy extends DefaultHeaderFilterStrategy {
    private static final String MEDIA = "CamelMedia";

    public MediaHeaderFilterStrategy() {
        String[] camel = {"Camel", "camel", "org.apache.camel.", "kafka."};
        setOutFilterStartsWith(camel);
        setInFilterStartsWith(camel);
    }

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !name.startsWith(MEDIA) && super.applyFilterToCamelHeaders(name, value, exchange);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return !name.startsWith(MEDIA) && super.applyFilterToExternalHeaders(name, value, exchange);
    }
}
