package io.camelmedia.app.api;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON body of one /v1 call, read field by field: each getter checks its field's presence, type and range and
 * throws a 400 naming that field, so the caller learns exactly what to fix.
 */
final class ApiRequest {
    static final int MAX_BODY = 64 * 1024;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]+\\]?");
    private final JsonNode body;

    private ApiRequest(JsonNode body) {
        this.body = body;
    }

    static ApiRequest parse(ObjectMapper json, String text) {
        if (text == null || text.isBlank()) {
            throw new ApiException(400, null, "the body must be a JSON object");
        }
        if (text.length() > MAX_BODY) {
            throw new ApiException(413, null, "the body is over " + MAX_BODY + " bytes");
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, null, "malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(400, null, "the body must be a JSON object");
        }
        return new ApiRequest(node);
    }

    String string(String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw ApiException.badField(field, "missing");
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw ApiException.badField(field, "must be a non-empty string");
        }
        return n.asText();
    }

    String optionalString(String field) {
        return body.hasNonNull(field) ? string(field) : null;
    }

    int integer(String field, int min, int max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw ApiException.badField(field, "missing");
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw ApiException.badField(field, "must be an integer");
        }
        int v = n.asInt();
        if (v < min || v > max) {
            throw ApiException.badField(field, "must be between " + min + " and " + max + ", was " + v);
        }
        return v;
    }

    int optionalInteger(String field, int min, int max, int otherwise) {
        return body.hasNonNull(field) ? integer(field, min, max) : otherwise;
    }

    boolean optionalBoolean(String field, boolean otherwise) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return otherwise;
        }
        if (!n.isBoolean()) {
            throw ApiException.badField(field, "must be true or false");
        }
        return n.asBoolean();
    }

    /** {@code ["video","audio"]} (default both) as the endpoints' option value {@code video,audio}. */
    String mediaTypes() {
        JsonNode n = body.get("mediaTypes");
        if (n == null || n.isNull()) {
            return "video,audio";
        }
        if (!n.isArray() || n.isEmpty()) {
            throw ApiException.badField("mediaTypes", "must be a non-empty array of \"video\" and/or \"audio\"");
        }
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode t : n) {
            String v = t.isTextual() ? t.asText().toLowerCase(Locale.ROOT) : "";
            if (!v.equals("video") && !v.equals("audio")) {
                throw ApiException.badField("mediaTypes", "must hold only \"video\" and \"audio\", had " + t);
            }
            types.add(v);
        }
        return String.join(",", types);
    }

    /** An IP address literal (no name lookups on the request thread). */
    String address(String field) {
        String a = string(field);
        if (!IP_LITERAL.matcher(a).matches()) {
            throw ApiException.badField(field, "must be an IP address, was '" + a + "'");
        }
        try {
            InetAddress.getByName(a.startsWith("[") ? a.substring(1, a.length() - 1) : a);
        } catch (java.net.UnknownHostException e) {
            throw ApiException.badField(field, "must be an IP address, was '" + a + "'");
        }
        return a;
    }

    /**
     * A path inside {@code root} (relative to it, or absolute under it); {@code ..} and links that lead out are
     * refused, so a caller cannot read or write elsewhere on the machine.
     */
    Path pathUnder(String field, Path root, boolean mustBeFile) {
        String p = string(field);
        if (p.indexOf('\0') >= 0) {
            throw ApiException.badField(field, "must not contain NUL");
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (java.io.IOException e) {
            throw new ApiException(500, null, "the media folder " + root + " is not readable: " + e.getMessage());
        }
        Path resolved = realRoot.resolve(p).normalize();
        if (!resolved.startsWith(realRoot)) {
            throw new ApiException(403, field, field + ": '" + p + "' is outside the media folder " + realRoot);
        }
        if (mustBeFile) {
            if (!Files.isRegularFile(resolved)) {
                throw ApiException.badField(field, "no such file: '" + p + "'");
            }
            try {
                if (!resolved.toRealPath().startsWith(realRoot)) {
                    throw new ApiException(403, field, field + ": '" + p + "' leads outside the media folder " + realRoot);
                }
            } catch (java.io.IOException e) {
                throw ApiException.badField(field, "cannot be read: " + e.getMessage());
            }
        } else {
            // the deepest existing ancestor must stay inside too (a link in the middle of the path)
            Path existing = resolved;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            try {
                if (existing != null && !existing.toRealPath().startsWith(realRoot)) {
                    throw new ApiException(403, field, field + ": '" + p + "' leads outside the media folder " + realRoot);
                }
            } catch (java.io.IOException e) {
                throw ApiException.badField(field, "cannot be used: " + e.getMessage());
            }
        }
        return resolved;
    }
}
