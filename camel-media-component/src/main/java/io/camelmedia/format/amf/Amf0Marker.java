package io.camelmedia.format.amf;

/** AMF0 type markers (AMF0 spec §2.1). A closed set of 18 codes; anything above 0x11 is invalid. */
public final class Amf0Marker {
    public static final int NUMBER = 0x00;
    public static final int BOOLEAN = 0x01;
    public static final int STRING = 0x02;
    public static final int OBJECT = 0x03;
    public static final int MOVIECLIP = 0x04;
    public static final int NULL = 0x05;
    public static final int UNDEFINED = 0x06;
    public static final int REFERENCE = 0x07;
    public static final int ECMA_ARRAY = 0x08;
    public static final int OBJECT_END = 0x09;
    public static final int STRICT_ARRAY = 0x0A;
    public static final int DATE = 0x0B;
    public static final int LONG_STRING = 0x0C;
    public static final int UNSUPPORTED = 0x0D;
    public static final int RECORDSET = 0x0E;
    public static final int XML_DOCUMENT = 0x0F;
    public static final int TYPED_OBJECT = 0x10;
    public static final int AVMPLUS_OBJECT = 0x11;

    private static final String[] NAMES = {
        "number", "boolean", "string", "object", "movieclip", "null", "undefined", "reference",
        "ecma-array", "object-end", "strict-array", "date", "long-string", "unsupported", "recordset",
        "xml-document", "typed-object", "avmplus-object (AMF3 switch)"
    };

    private Amf0Marker() {
    }

    /** {@code 0x03 object}, or {@code 0x42 invalid} for codes outside the spec. */
    public static String describe(int marker) {
        String name = marker >= 0 && marker < NAMES.length ? NAMES[marker] : "invalid";
        return String.format("0x%02x %s", marker, name);
    }
}
