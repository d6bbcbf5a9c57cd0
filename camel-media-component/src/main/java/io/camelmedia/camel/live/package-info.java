/** {@code live:}: named sets of live streams in a Camel context, published by routes and read by routes through the hub fan-out. */
package io.camelmedia.camel.live;
