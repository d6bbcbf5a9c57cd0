/**
 * The data model every part of Camel Media speaks: {@link io.camelmedia.frame.MediaFrame},
 * {@link io.camelmedia.frame.Track}, {@link io.camelmedia.frame.Codec},
 * {@link io.camelmedia.frame.StreamInfo}. Plain Java: no Camel, Netty, Quarkus or JavaCV.
 */
package io.camelmedia.frame;
