package io.fer.core.image;

import io.fer.core.internal.image.ExifOrientation;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** JPEGs carrying an EXIF Orientation tag, made the way cameras make them: pixels as stored, the tag beside them. */
public final class ExifJpegs {
    private ExifJpegs() {}

    /** The orientation whose transform undoes orientation {@code o}'s (6 and 8 swap; the others undo themselves). */
    public static int inverse(int o) {
        return o == 6 ? 8 : o == 8 ? 6 : o;
    }

    /**
     * A JPEG of {@code upright} stored the way a camera with orientation {@code o} stores it: the pixels turned by
     * the inverse of {@code o}, with an APP1 Exif segment saying {@code o}.
     */
    public static byte[] stored(RgbImage upright, int o, boolean littleEndian) {
        RgbImage stored = ExifOrientation.apply(upright, inverse(o));
        return withOrientation(TestImages.encode(stored.toBufferedImage(), "jpg"), o, littleEndian);
    }

    /** Inserts an APP1 Exif segment with Orientation {@code o} right after the JPEG's start-of-image marker. */
    public static byte[] withOrientation(byte[] jpeg, int o, boolean littleEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4)
                .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        tiff.put((byte) (littleEndian ? 'I' : 'M')).put((byte) (littleEndian ? 'I' : 'M')).putShort((short) 42)
                .putInt(8);
        tiff.putShort((short) 1); // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) o).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        byte[] payload = tiff.array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + payload.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
