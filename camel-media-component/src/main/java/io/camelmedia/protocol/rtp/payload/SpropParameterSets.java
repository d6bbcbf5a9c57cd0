package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.protocol.rtp.sdp.SdpException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The base64 parameter-set lists of the SDP: H.264 {@code sprop-parameter-sets} (RFC 6184 §8.1: "a
 * comma-separated list of base64 representations of parameter set NAL units") and H.265
 * {@code sprop-vps}/{@code sprop-sps}/{@code sprop-pps} (RFC 7798 §7.1, same form).
 */
public final class SpropParameterSets {
    /** Parameter sets in one list: H.264 allows 32 SPS + 256 PPS; we take up to this many. */
    public static final int MAX_SETS = 64;

    private SpropParameterSets() {
    }

    /** Decodes {@code a,b,c}; empty entries are skipped. */
    public static List<byte[]> decode(String value) {
        List<byte[]> sets = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (sets.size() == MAX_SETS) {
                throw new SdpException("parameter sets: more than " + MAX_SETS + " in '" + abbreviate(value) + "'");
            }
            try {
                byte[] nal = Base64.getDecoder().decode(p);
                if (nal.length > 0) {
                    sets.add(nal);
                }
            } catch (IllegalArgumentException e) {
                throw new SdpException("parameter sets: '" + abbreviate(p) + "' is not base64: " + e.getMessage());
            }
        }
        return sets;
    }

    public static String encode(List<byte[]> sets) {
        StringBuilder sb = new StringBuilder();
        for (byte[] s : sets) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(Base64.getEncoder().encodeToString(s));
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
