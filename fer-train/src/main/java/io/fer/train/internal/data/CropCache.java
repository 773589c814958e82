package io.fer.train.internal.data;


import io.fer.core.face.FaceBox;
import io.fer.core.face.FaceCrop.Origin;
import io.fer.core.face.FaceCrop;
import io.fer.core.face.FaceCropper;
import io.fer.core.face.FaceLandmarks;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.AtomicFiles;
import io.fer.core.internal.FerHome;
import io.fer.core.internal.image.ImageDecoding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Keeps face crops on disk so that a second training run neither decodes nor detects again. A training cache: it
 * lives in fer-train (an application that only predicts never needs it).
 *
 * <p>An entry is keyed by the SHA-256 of the image file's bytes (so renamed or copied files hit, and an edited file
 * misses) inside a folder named after the cropper's {@link FaceCropper#cacheKey()} (so other settings, detectors,
 * detector parameters or algorithm versions never share entries; the folder's {@code settings.txt} spells the key out).
 * Entries hold the crop before the no-face policy is applied, so one entry serves every policy.
 *
 * <p>Entries are written to a temporary file and moved into place, so a crash or a second JVM never sees half an
 * entry; an entry that is damaged anyway (wrong length, bad checksum) is recomputed and rewritten. Thread-safe.
 */
public final class CropCache {
    private static final int MAGIC = 0x46435232; // "FCR2": adds the detector's score and landmarks
    /** Magic, origin, two boxes, score, a landmarks flag and ten coordinates, width and height. */
    private static final int HEADER_BYTES = 4 + 1 + 8 * 4 + 4 + 1 + 10 * 4 + 2 * 4;
    private static final int CHECKSUM_BYTES = 8;

    private final FaceCropper cropper;
    private final Path directory;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong repaired = new AtomicLong();

    /**
     * A cache under {@code folder}, in a sub-folder for this cropper's settings.
     *
     * @throws IOException if the folder cannot be created or written
     */
    public CropCache(Path folder, FaceCropper cropper) throws IOException {
        this.cropper = Objects.requireNonNull(cropper, "cropper");
        String key = cropper.cacheKey();
        this.directory = folder.toAbsolutePath().resolve(sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16));
        Files.createDirectories(directory);
        Path description = directory.resolve("settings.txt");
        if (!Files.isRegularFile(description)) {
            writeAtomically(description, (key + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A cache in {@link FerHome}'s {@code crops} folder. */
    public static CropCache inFerHome(FaceCropper cropper) throws IOException {
        return new CropCache(FerHome.resolve("crops"), cropper);
    }

    /** The folder this cache's entries live in (specific to the cropper's settings). */
    public Path directory() {
        return directory;
    }

    /** The cropper that computes missing entries. */
    public FaceCropper cropper() {
        return cropper;
    }

    /**
     * The crop of an image file with the no-face policy applied, from the cache when there.
     *
     * @return empty when no face was found and the policy is SKIP
     * @throws IOException if the file cannot be read or decoded (the message names it), or the entry not written
     * @throws io.fer.core.face.NoFaceException when no face was found and the policy is FAIL
     */
    public Optional<FaceCrop> crop(Path imageFile) throws IOException {
        return cropper.applyPolicy(cropLargestOrCenter(imageFile), imageFile.toString());
    }

    /** Like {@link FaceCropper#cropLargestOrCenter}, for a file, from the cache when there. */
    public FaceCrop cropLargestOrCenter(Path imageFile) throws IOException {
        return cropLargestOrCenter(ImageDecoding.readBytes(imageFile), imageFile.toString());
    }

    /**
     * Like {@link FaceCropper#cropLargestOrCenter}, for an encoded image held in memory, from the cache when there.
     *
     * @param sourceName names the image in errors
     */
    public FaceCrop cropLargestOrCenter(byte[] encoded, String sourceName) throws IOException {
        String hash = sha256(encoded);
        Path entry = directory.resolve(hash.substring(0, 2)).resolve(hash + ".crop");
        if (Files.isRegularFile(entry)) {
            FaceCrop cached = readEntry(entry);
            if (cached != null) {
                hits.incrementAndGet();
                return cached;
            }
            repaired.incrementAndGet();
        }
        misses.incrementAndGet();
        FaceCrop crop = cropper.cropLargestOrCenter(ImageDecoding.read(encoded, sourceName));
        Files.createDirectories(entry.getParent());
        writeAtomically(entry, encode(crop));
        return crop;
    }

    /** Crops served from disk so far. */
    public long hits() {
        return hits.get();
    }

    /** Crops computed so far (absent or damaged entries). */
    public long misses() {
        return misses.get();
    }

    /** Damaged entries found and recomputed so far (counted in {@link #misses()} too). */
    public long repaired() {
        return repaired.get();
    }

    private static byte[] encode(FaceCrop crop) {
        RgbImage image = crop.image();
        byte[] pixels = image.toBytes();
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + pixels.length + CHECKSUM_BYTES);
        b.putInt(MAGIC).put((byte) crop.origin().ordinal());
        for (FaceBox box : new FaceBox[] {crop.face(), crop.region()}) {
            b.putInt(box.x()).putInt(box.y()).putInt(box.width()).putInt(box.height());
        }
        b.putFloat(crop.score()).put((byte) (crop.landmarks() != null ? 1 : 0));
        for (int i = 0; i < 5; i++) {
            FaceLandmarks.Point p = crop.landmarks() != null ? crop.landmarks().points().get(i) : null;
            b.putFloat(p != null ? (float) p.x() : 0f).putFloat(p != null ? (float) p.y() : 0f);
        }
        b.putInt(image.width()).putInt(image.height()).put(pixels);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putLong(crc.getValue());
        return b.array();
    }

    /** The entry's crop, or null if it is damaged or not for this cropper's input size. */
    private FaceCrop readEntry(Path entry) {
        try {
            byte[] bytes = Files.readAllBytes(entry);
            if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - CHECKSUM_BYTES);
            if (b.getLong(bytes.length - CHECKSUM_BYTES) != crc.getValue() || b.getInt() != MAGIC) {
                return null;
            }
            int origin = b.get();
            if (origin < 0 || origin >= Origin.values().length) {
                return null;
            }
            FaceBox face = new FaceBox(b.getInt(), b.getInt(), b.getInt(), b.getInt());
            FaceBox region = new FaceBox(b.getInt(), b.getInt(), b.getInt(), b.getInt());
            float score = b.getFloat();
            boolean hasLandmarks = b.get() == 1;
            double[] xy = new double[10];
            for (int i = 0; i < 10; i++) {
                xy[i] = b.getFloat();
            }
            FaceLandmarks landmarks = hasLandmarks ? FaceLandmarks.of(xy) : null;
            int w = b.getInt();
            int h = b.getInt();
            int size = cropper.settings().inputSize();
            if (w != size || h != size || bytes.length != HEADER_BYTES + w * h * 3 + CHECKSUM_BYTES) {
                return null;
            }
            byte[] pixels = new byte[w * h * 3];
            b.get(pixels);
            return new FaceCrop(face, region, Origin.values()[origin], RgbImage.of(w, h, pixels), landmarks, score);
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or inconsistent: recompute
        }
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        try {
            AtomicFiles.write(target, content);
        } catch (IOException e) {
            throw new IOException("Cannot write crop cache entry " + target + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
