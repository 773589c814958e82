package io.fer.core.internal.image;

import io.fer.core.image.RgbImage;

/**
 * Turns decoded images upright by their EXIF Orientation tag (0x0112), which phone cameras set instead of rotating
 * the pixels: read from a JPEG's APP1 {@code Exif} segment or a TIFF file's first IFD. Image I/O ignores the tag, so
 * without this a portrait photo would be classified lying on its side.
 *
 * <p>The parser reads only the few bytes it needs and checks every offset; a missing, damaged or unknown tag means
 * "as stored" (1). Thread-safe, no state.
 */
public final class ExifOrientation {
    /** The EXIF tag number of Orientation. */
    static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {}

    /** The image decoded from {@code encoded}, turned upright by the orientation that {@code encoded} records. */
    public static RgbImage upright(RgbImage decoded, byte[] encoded) {
        return apply(decoded, read(encoded));
    }

    /**
     * The EXIF orientation of an encoded JPEG or TIFF: 1 (as stored) to 8; 1 when there is none or it cannot be
     * read.
     */
    public static int read(byte[] encoded) {
        try {
            int o;
            if (encoded.length >= 4 && (encoded[0] & 0xFF) == 0xFF && (encoded[1] & 0xFF) == 0xD8) {
                o = fromJpeg(encoded);
            } else {
                o = fromTiff(encoded, 0, encoded.length);
            }
            return o >= 1 && o <= 8 ? o : 1;
        } catch (IndexOutOfBoundsException e) {
            return 1; // a damaged segment: treat the image as stored
        }
    }

    /**
     * The stored image shown as orientation {@code o} says: 2 mirror, 3 turn 180°, 4 flip upside down, 5 mirror
     * along the main diagonal, 6 turn 90° clockwise, 7 mirror along the other diagonal, 8 turn 90° anticlockwise.
     */
    public static RgbImage apply(RgbImage stored, int o) {
        if (o < 1 || o > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1..8, got " + o);
        }
        if (o == 1) {
            return stored;
        }
        int w = stored.width();
        int h = stored.height();
        boolean swap = o >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        byte[] in = stored.toBytes();
        byte[] out = new byte[in.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (o) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                System.arraycopy(in, (sy * w + sx) * 3, out, (y * ow + x) * 3, 3);
            }
        }
        return RgbImage.of(ow, oh, out);
    }

    /** Walks the JPEG's marker segments up to the start of scan, looking for APP1 "Exif\0\0". */
    private static int fromJpeg(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return 1; // not at a marker: damaged, stop looking
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return 1; // start of scan or end of image: metadata comes before it
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2; // markers without a length
                continue;
            }
            int length = u16(b, i + 2, false);
            if (length < 2) {
                return 1;
            }
            int payload = i + 4;
            if (marker == 0xE1 && length >= 8 && payload + 6 <= b.length && b[payload] == 'E'
                    && b[payload + 1] == 'x' && b[payload + 2] == 'i' && b[payload + 3] == 'f'
                    && b[payload + 4] == 0 && b[payload + 5] == 0) {
                return fromTiff(b, payload + 6, Math.min(b.length, i + 2 + length));
            }
            i += 2 + length;
        }
        return 1;
    }

    /** Reads Orientation from IFD0 of the TIFF structure in {@code b[start, end)}. */
    private static int fromTiff(byte[] b, int start, int end) {
        if (end - start < 8) {
            return 1;
        }
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(b, start + 2, little) != 42) {
            return 1;
        }
        long ifd = u32(b, start + 4, little);
        if (ifd < 8 || start + ifd + 2 > end) {
            return 1;
        }
        int at = (int) (start + ifd);
        int entries = u16(b, at, little);
        for (int k = 0; k < entries; k++) {
            int e = at + 2 + 12 * k;
            if (e + 12 > end) {
                return 1;
            }
            if (u16(b, e, little) == ORIENTATION_TAG) {
                int type = u16(b, e + 2, little);
                // SHORT as the standard says; some writers use LONG
                return type == 3 ? u16(b, e + 8, little) : type == 4 ? (int) Math.min(9, u32(b, e + 8, little)) : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int i, boolean little) {
        int a = b[i] & 0xFF;
        int c = b[i + 1] & 0xFF;
        return little ? a | c << 8 : a << 8 | c;
    }

    private static long u32(byte[] b, int i, boolean little) {
        long hi = u16(b, little ? i + 2 : i, little);
        long lo = u16(b, little ? i : i + 2, little);
        return hi << 16 | lo;
    }
}
