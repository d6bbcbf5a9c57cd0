package io.camelmedia.protocol.rtmp;

import io.camelmedia.format.flv.FlvStreamAssembler;
import io.camelmedia.hub.StreamRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One live publish: the path claimed in the registry and the assembler its media goes to. Ends exactly once. */
final class RtmpPublication {
    private static final Logger LOG = LoggerFactory.getLogger(RtmpPublication.class);

    final String path;
    final int messageStreamId;
    final FlvStreamAssembler assembler;
    private final StreamRegistry registry;
    private final Object owner;
    private boolean ended;

    RtmpPublication(String path, int messageStreamId, FlvStreamAssembler assembler, StreamRegistry registry,
                    Object owner) {
        this.path = path;
        this.messageStreamId = messageStreamId;
        this.assembler = assembler;
        this.registry = registry;
        this.owner = owner;
    }

    /** Ends the stream (ENDED to the listener via the assembler) and frees the path for the next publisher. */
    void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        try {
            assembler.end(reason);
        } catch (RuntimeException e) {
            LOG.warn("RTMP {}: ending the stream failed: {}", path, e.toString());
        } finally {
            registry.release(path, owner);
        }
        LOG.info("RTMP {} ended: {}", path, reason);
    }
}
