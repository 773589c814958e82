package io.fer.core.internal.image;

import io.fer.core.image.RgbImage;
import io.fer.core.image.UnreadableImageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image files into {@link RgbImage}s with the JDK's Image I/O (PNG, JPEG, TIFF, BMP, GIF).
 *
 * <p>Image I/O rather than OpenCV: it needs no native code, reads palette TIFFs through their palette (JAFFE's grey
 * ramps come out grey, three equal channels), and reports truncation. Every failure is an
 * {@link UnreadableImageException} that names the file. A decoder warning (a truncated or damaged JPEG, which Image
 * I/O would otherwise fill with grey) is treated as an error too: a half-grey face is worse than a skipped one.
 * Multi-page files give their first page. Only regular files are read, of at most
 * {@link ImageLimits#maxFileBytes()} bytes, and images over {@link ImageLimits#maxPixels()} are refused from their
 * header, before any pixel is decoded. Thread-safe.
 */
public final class ImageDecoding {
    /** File name endings (lower case, without the dot) that the decoders here read. */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif");

    private static final String FORMATS = "PNG, JPEG, TIFF, BMP or GIF";

    private ImageDecoding() {}

    /** Reads and decodes an image file. */
    public static RgbImage read(Path file) throws UnreadableImageException {
        return read(readBytes(file), file.toString());
    }

    /** Decodes an encoded image held in memory. */
    public static RgbImage read(byte[] encoded) throws UnreadableImageException {
        return read(encoded, "<" + encoded.length + " bytes in memory>");
    }

    /**
     * Decodes an encoded image held in memory, turned upright by its EXIF orientation ({@link ExifOrientation}).
     *
     * @param sourceName how errors name the image, e.g. the file it came from
     */
    public static RgbImage read(byte[] encoded, String sourceName) throws UnreadableImageException {
        BufferedImage image = decode(encoded, sourceName);
        RgbImage rgb;
        try {
            rgb = RgbImage.fromBufferedImage(image);
        } catch (RuntimeException e) {
            // e.g. a raster that does not match its colour model
            throw new UnreadableImageException(sourceName, "cannot convert the decoded pixels (" + e.getMessage()
                    + ")", e);
        }
        return ExifOrientation.upright(rgb, encoded);
    }

    /** Converts an already decoded image; see {@link RgbImage#fromBufferedImage}. */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        return RgbImage.fromBufferedImage(image);
    }

    /**
     * Reads a file's bytes, with an error that names it. Only regular files are read (a FIFO would block forever,
     * {@code /dev/zero} never end), and at most {@link ImageLimits#maxFileBytes()} of them.
     *
     * @throws UnreadableImageException if it does not exist, is a folder or a special file, is too large, or cannot
     *     be read
     */
    public static byte[] readBytes(Path file) throws UnreadableImageException {
        String source = file.toString();
        long max = ImageLimits.maxFileBytes();
        checkRegularFile(file, max);
        try (InputStream in = Files.newInputStream(file)) {
            // the file may have grown since its size was checked: never read more than the limit
            byte[] bytes = in.readNBytes((int) max + 1);
            if (bytes.length > max) {
                throw new UnreadableImageException(source, tooLarge(max), null);
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new UnreadableImageException(source, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableImageException(source, "permission denied", e);
        } catch (IOException e) {
            throw new UnreadableImageException(source, e.toString(), e);
        }
    }

    /**
     * Checks that {@code file} is a regular file (symbolic links followed) of at most {@code maxBytes}, without
     * opening it.
     */
    private static void checkRegularFile(Path file, long maxBytes) throws UnreadableImageException {
        String source = file.toString();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new UnreadableImageException(source, Files.isSymbolicLink(file) ? "a broken symbolic link"
                    : "no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableImageException(source, "permission denied", e);
        } catch (FileSystemException e) {
            // e.g. a loop of symbolic links
            throw new UnreadableImageException(source, e.getReason() == null ? e.toString() : e.getReason(), e);
        } catch (IOException e) {
            throw new UnreadableImageException(source, e.toString(), e);
        }
        if (attrs.isDirectory()) {
            throw new UnreadableImageException(source, "it is a folder, not a file", null);
        }
        if (!attrs.isRegularFile()) {
            throw new UnreadableImageException(source, "not a regular file (a device, FIFO or socket)", null);
        }
        if (attrs.size() == 0) {
            throw new UnreadableImageException(source, "the file is empty", null);
        }
        if (attrs.size() > maxBytes) {
            throw new UnreadableImageException(source, tooLarge(maxBytes) + "; it has " + attrs.size(), null);
        }
    }

    private static String tooLarge(long max) {
        return "the file is larger than the limit of " + max + " bytes (system property "
                + ImageLimits.MAX_FILE_BYTES_PROPERTY + ")";
    }

    /**
     * Reads only the header of an image file: its size and format. Cheap, so data sets can check every file up
     * front; an image over the pixel budget ({@link ImageLimits}) is refused here already. A file whose pixel data
     * is truncated still passes and fails later in {@link #read(Path)}.
     */
    public static ImageInfo readInfo(Path file) throws UnreadableImageException {
        String source = file.toString();
        long maxPixels = ImageLimits.maxPixels(); // a bad setting is the caller's error, not this file's
        checkRegularFile(file, ImageLimits.maxFileBytes());
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(in, source);
            try {
                reader.setInput(in, true, true);
                ImageInfo info = new ImageInfo(reader.getWidth(0), reader.getHeight(0), reader.getFormatName());
                checkBudget(info.width(), info.height(), maxPixels, source);
                return info;
            } catch (IOException | RuntimeException e) {
                throw new UnreadableImageException(source, "corrupt " + reader.getFormatName() + " header ("
                        + e.getMessage() + ")", e);
            } finally {
                reader.dispose();
            }
        } catch (UnreadableImageException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableImageException(source, e.toString(), e);
        }
    }

    private static void checkBudget(long width, long height, long maxPixels, String source)
            throws UnreadableImageException {
        String refusal = ImageLimits.checkSize(width, height, maxPixels);
        if (refusal != null) {
            throw new UnreadableImageException(source, refusal, null);
        }
    }

    /** Whether a file name ends with one of {@link #IMAGE_EXTENSIONS}, any case. */
    public static boolean hasImageExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot >= 0 && IMAGE_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static BufferedImage decode(byte[] encoded, String source) throws UnreadableImageException {
        if (encoded.length == 0) {
            throw new UnreadableImageException(source, "the file is empty", null);
        }
        long maxPixels = ImageLimits.maxPixels();
        List<String> warnings = new ArrayList<>();
        BufferedImage image;
        String format;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            ImageReader reader = readerFor(in, source);
            format = reader.getFormatName();
            try {
                reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
                reader.setInput(in, true, true);
                // the budget is checked from the header, before the decoder allocates anything for the pixels
                checkBudget(reader.getWidth(0), reader.getHeight(0), maxPixels, source);
                image = reader.read(0);
                checkBudget(image.getWidth(), image.getHeight(), maxPixels, source);
            } catch (UnreadableImageException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // Image I/O throws IIOException, EOFException or even IndexOutOfBoundsException on damaged data
                throw new UnreadableImageException(source, "corrupt or truncated " + format + " data ("
                        + e.getMessage() + ")", e);
            } finally {
                reader.dispose();
            }
        } catch (UnreadableImageException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableImageException(source, e.toString(), e);
        }
        if (!warnings.isEmpty()) {
            throw new UnreadableImageException(source, "corrupt or truncated " + format + " data ("
                    + String.join("; ", warnings) + ")", null);
        }
        return image;
    }

    private static ImageReader readerFor(ImageInputStream in, String source) throws UnreadableImageException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new UnreadableImageException(source, "not an image in a supported format (" + FORMATS + ")", null);
        }
        return readers.next();
    }
}
