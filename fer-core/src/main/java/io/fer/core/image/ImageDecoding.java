package io.fer.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
 * Multi-page files give their first page. Thread-safe.
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
        return ExifOrientation.upright(RgbImage.fromBufferedImage(decode(encoded, sourceName)), encoded);
    }

    /** Converts an already decoded image; see {@link RgbImage#fromBufferedImage}. */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        return RgbImage.fromBufferedImage(image);
    }

    /**
     * Reads a file's bytes, with an error that names it.
     *
     * @throws UnreadableImageException if it does not exist, is a folder or cannot be read
     */
    public static byte[] readBytes(Path file) throws UnreadableImageException {
        try {
            if (Files.isDirectory(file)) {
                throw new UnreadableImageException(file.toString(), "it is a folder, not a file", null);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableImageException(file.toString(), "no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableImageException(file.toString(), "permission denied", e);
        } catch (UnreadableImageException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableImageException(file.toString(), e.toString(), e);
        }
    }

    /**
     * Reads only the header of an image file: its size and format. Cheap, so data sets can check every file up
     * front; a file whose pixel data is truncated still passes and fails later in {@link #read(Path)}.
     */
    public static ImageInfo readInfo(Path file) throws UnreadableImageException {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new UnreadableImageException(source,
                    Files.isDirectory(file) ? "it is a folder, not a file" : "no such file", null);
        }
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            if (in.length() == 0) {
                throw new UnreadableImageException(source, "the file is empty", null);
            }
            ImageReader reader = readerFor(in, source);
            try {
                reader.setInput(in, true, true);
                return new ImageInfo(reader.getWidth(0), reader.getHeight(0), reader.getFormatName());
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

    /** Whether a file name ends with one of {@link #IMAGE_EXTENSIONS}, any case. */
    public static boolean hasImageExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot >= 0 && IMAGE_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static BufferedImage decode(byte[] encoded, String source) throws UnreadableImageException {
        if (encoded.length == 0) {
            throw new UnreadableImageException(source, "the file is empty", null);
        }
        List<String> warnings = new ArrayList<>();
        BufferedImage image;
        String format;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            ImageReader reader = readerFor(in, source);
            format = reader.getFormatName();
            try {
                reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
                reader.setInput(in, true, true);
                image = reader.read(0);
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
