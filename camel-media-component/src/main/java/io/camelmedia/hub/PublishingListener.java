package io.camelmedia.hub;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;

/** An ingest's stream to both places it goes: the hub's readers (through its publisher) and the route's sink. */
public record PublishingListener(StreamHub.Publisher publisher, MediaListener sink) implements MediaListener {
    @Override
    public void started(StreamInfo info) {
        publisher.started(info);
        sink.started(info);
    }

    @Override
    public void frame(String path, MediaFrame frame) {
        publisher.frame(frame);
        sink.frame(path, frame);
    }

    @Override
    public void ended(String path, String reason) {
        publisher.ended(reason);
        sink.ended(path, reason);
    }
}
