package io.camelmedia.protocol.rtmp;

/** Why the server closed a connection before its publisher finished normally; one counter each. */
public enum RtmpRejectReason {
    /** C0 carried a version other than 3 (RTMPE, HTTP, TLS or random bytes). */
    HANDSHAKE_VERSION,
    /** The handshake did not complete within handshakeTimeout. */
    HANDSHAKE_TIMEOUT,
    /** The peer closed the connection in the middle of the handshake. */
    HANDSHAKE_TRUNCATED,
    /** Set Chunk Size of 0, with the top bit set, or above the limit. */
    CHUNK_SIZE,
    /** A message length beyond maxMessageSize. */
    MESSAGE_TOO_LONG,
    /** Malformed chunking: a header without context, too many chunk streams or messages in flight. */
    CHUNK_PROTOCOL,
    /** A command or data message whose AMF0 is malformed or beyond a limit. */
    AMF,
    /** A command name this server does not know. */
    UNKNOWN_COMMAND,
    /** A command out of order or with missing arguments (publish before connect, ...). */
    COMMAND_PROTOCOL,
    /** connect to an app other than the configured one. */
    APP_REJECTED,
    /** The authenticator refused the publish key. */
    UNAUTHORIZED,
    /** Someone already publishes that path. */
    ALREADY_PUBLISHING,
    /** The stream registry is full. */
    TOO_MANY_STREAMS,
    /** More connections than maxConnections. */
    TOO_MANY_CONNECTIONS,
    /** play: this endpoint only accepts publishers. */
    PLAY_UNSUPPORTED,
    /** Nothing arrived for idleTimeout (including a stall in the middle of a chunk). */
    STALLED,
    /** The FLV assembler rejected an audio or video message body. */
    MEDIA,
    /** An unexpected failure in our own code; the connection is closed to stay safe. */
    INTERNAL
}
