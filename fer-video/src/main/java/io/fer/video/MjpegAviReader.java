package io.fer.video;

import io.fer.core.image.Frames;
import io.fer.core.image.RgbImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Reads the JPEG frames of an MJPEG AVI chunk by chunk, front to back, without its index: the salvage path for a
 * recording that was cut off (OpenCV's own AVI reader needs the {@code idx1} index at the end and refuses the file).
 * It stops at the first chunk that is cut short or does not decode, and says so in {@link #damage()}.
 */
final class MjpegAviReader implements AutoCloseable {
    /** A chunk larger than this is not a frame of a sane video: the file is damaged there. */
    private static final int MAX_CHUNK = 64 << 20;

    private final Path file;
    private final DataInputStream in;
    private double secondsPerFrame = 1 / 25.0;
    private boolean sawRate;
    private String damage;
    private boolean done;

    private MjpegAviReader(Path file, InputStream in) {
        this.file = file;
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    }

    /** True if the file starts as an AVI ({@code RIFF....AVI }). */
    static boolean looksLikeAvi(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(12);
            return head.length == 12 && new String(head, 0, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("RIFF")
                    && new String(head, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("AVI ");
        } catch (IOException e) {
            return false;
        }
    }

    static MjpegAviReader open(Path file) throws IOException {
        MjpegAviReader r = new MjpegAviReader(file, Files.newInputStream(file));
        r.in.skipNBytes(12);
        return r;
    }

    /** The frame rate from the AVI header, when one was read before the first frame. */
    double secondsPerFrame() {
        return secondsPerFrame;
    }

    boolean sawRate() {
        return sawRate;
    }

    /** The next frame, or null at the end of the file or at the damage. */
    RgbImage next() {
        while (!done) {
            String id;
            int size;
            try {
                id = fourCc();
                size = Integer.reverseBytes(in.readInt());
            } catch (EOFException e) {
                done = true;   // a clean end between chunks (an AVI without index or a cut between frames)
                break;
            } catch (IOException e) {
                return fail("cannot be read further: " + e.getMessage());
            }
            if (size < 0 || size > MAX_CHUNK) {
                return fail("has a broken chunk '" + printable(id) + "' of " + Integer.toUnsignedString(size) + " bytes");
            }
            try {
                if (id.equals("RIFF") || id.equals("LIST")) {
                    in.skipNBytes(4);   // the list's type; its chunks follow
                    continue;
                }
                byte[] data = in.readNBytes(size);
                if (data.length < size) {
                    return fail("is cut off inside a chunk");
                }
                if ((size & 1) == 1) {
                    in.read();   // chunks are padded to even sizes
                }
                if (id.equals("avih") && size >= 4) {
                    int micros = (data[0] & 0xff) | (data[1] & 0xff) << 8 | (data[2] & 0xff) << 16 | (data[3] & 0xff) << 24;
                    if (micros > 0) {
                        secondsPerFrame = micros / 1e6;
                        sawRate = true;
                    }
                } else if (id.endsWith("dc") || id.endsWith("db")) {
                    RgbImage image = decode(data);
                    if (image == null) {
                        return fail("has a frame that does not decode");
                    }
                    return image;
                }
            } catch (IOException e) {
                return fail("cannot be read further: " + e.getMessage());
            }
        }
        return null;
    }

    private static RgbImage decode(byte[] jpeg) {
        if (jpeg.length == 0) {
            return null;
        }
        try (BytePointer bytes = new BytePointer(jpeg);
                Mat buffer = new Mat(1, jpeg.length, opencv_core.CV_8UC1, bytes);
                Mat image = opencv_imgcodecs.imdecode(buffer, opencv_imgcodecs.IMREAD_COLOR)) {
            return image == null || image.empty() ? null : Frames.fromMat(image);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String fourCc() throws IOException {
        byte[] b = new byte[4];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private RgbImage fail(String why) {
        damage = file + " " + why;
        done = true;
        return null;
    }

    /** Why reading stopped early, or null. */
    String damage() {
        return damage;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }
}
