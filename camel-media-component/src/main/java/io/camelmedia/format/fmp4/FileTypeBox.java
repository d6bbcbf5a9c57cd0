package io.camelmedia.format.fmp4;

import java.util.List;

/**
 * The {@code ftyp} box, ISO/IEC 14496-12 4.3: major_brand(32) minor_version(32) compatible_brands(32)[].
 *
 * <p>Major brand {@code iso6} (the edition whose features fragments use: default-base-is-moof, tfdt,
 * trun version 1); compatible {@code cmfc} (ISO/IEC 23000-19 7.2: CMAF track structure) and {@code mp41}
 * so older MP4 readers open the file too.
 */
final class FileTypeBox {
    static final String MAJOR_BRAND = "iso6";
    static final List<String> COMPATIBLE_BRANDS = List.of("iso6", "cmfc", "mp41");

    private FileTypeBox() {
    }

    static Box box() {
        return Box.leaf("ftyp", 8 + 4 * COMPATIBLE_BRANDS.size(), w -> {
            w.fourCc(MAJOR_BRAND).u32(0);
            COMPATIBLE_BRANDS.forEach(w::fourCc);
        });
    }
}
