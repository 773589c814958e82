package io.fer.models.weights;

import io.fer.core.internal.AtomicFiles;
import io.fer.core.internal.FerHome;
import io.fer.models.Backbone;
import io.fer.models.WeightFileException;
import io.fer.models.internal.keras.KerasWeightsFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keras' published ImageNet weights for EfficientNet B0..B7 without the classification top
 * ({@code efficientnetb{N}_notop.h5}), resolved to a local file that is known to be the official one.
 *
 * <ul>
 *   <li>The file is looked up in the cache folder ({@code FerHome.resolve("weights")} for {@link #standard()}).
 *   <li>Missing, it is downloaded only if the caller passes {@link DownloadPolicy#ALLOWED}; otherwise the error names
 *       the URL and the exact path to put the file at. Nothing else ever touches the network.
 *   <li>A download goes to a {@code .part} file in the cache folder and is moved into place only when its MD5 equals
 *       the hash Keras pins; otherwise it is deleted and the error names both hashes. {@code .part} files are never
 *       read.
 *   <li>A cached file is hashed before its first use; a sidecar {@code <file>.verified} then records its size and
 *       modification time so later calls skip hashing hundreds of megabytes. A cached file with a wrong hash is
 *       reported, never used and never silently replaced.
 * </ul>
 *
 * <p>Errors are {@link WeightFileException}s naming the file.
 */
public final class ImageNetWeights {
    /** System property overriding {@link #DEFAULT_BASE_URL} (a mirror; tests use a local server). */
    public static final String BASE_URL_PROPERTY = "fer.weights.baseUrl";
    /** Where Keras downloads its application weights from. */
    public static final String DEFAULT_BASE_URL = "https://storage.googleapis.com/keras-applications/";
    /** How long a download may wait for the server's response to start (a stalled server must not hang training). */
    static final java.time.Duration RESPONSE_TIMEOUT = java.time.Duration.ofMinutes(2);

    /** MD5 of efficientnetb{N}_notop.h5, in B0..B7 order, from {@code WEIGHTS_HASHES} in keras/applications/efficientnet.py. */
    private static final List<String> OFFICIAL_NOTOP_MD5 = List.of(
            "50bc09e76180e00e4465e1a485ddc09d",
            "74c4e6b3e1f6a1eea24c589628592432",
            "111f8e2ac8aa800a7a99e3239f7bfb39",
            "af6d107764bb5b1abb91932881670226",
            "ebc24e6d6c33eaebbd558eafbeedf1ba",
            "38879255a25d3c92d5e44e04ae6cec6f",
            "9ecce42647a20130c1f39a5d4cb75743",
            "cbcfe4450ddf6f3ad90b1b398090fe4a");
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path cacheDir;
    private final URI baseUrl;
    private final Map<Backbone, String> md5ByVariant;

    /**
     * Weights cached in {@code cacheDir}, downloaded from {@code baseUrl} and checked against {@code md5ByVariant}
     * (backbone → lower-case hex MD5). {@link #standard()} is what applications want; this is for mirrors and tests.
     */
    public ImageNetWeights(Path cacheDir, URI baseUrl, Map<Backbone, String> md5ByVariant) {
        this.cacheDir = cacheDir.toAbsolutePath();
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.md5ByVariant = Map.copyOf(md5ByVariant);
        this.md5ByVariant.forEach((variant, md5) -> {
            requireVariant(variant);
            if (!MD5_HEX.matcher(md5).matches()) {
                throw new IllegalArgumentException("not a lower-case hex MD5 for " + variant + ": " + md5);
            }
        });
    }

    /**
     * The official files: cached in {@code FerHome.resolve("weights")}, downloaded from {@link #DEFAULT_BASE_URL}
     * (or the system property {@value #BASE_URL_PROPERTY}), checked against the hashes Keras pins.
     */
    public static ImageNetWeights standard() {
        String base = System.getProperty(BASE_URL_PROPERTY);
        return new ImageNetWeights(FerHome.resolve("weights"),
                URI.create(base == null || base.isBlank() ? DEFAULT_BASE_URL : base), officialMd5());
    }

    /** The MD5 Keras pins for each {@code efficientnetb{N}_notop.h5}, by backbone (B0..B7). */
    public static Map<Backbone, String> officialMd5() {
        Map<Backbone, String> md5 = new EnumMap<>(Backbone.class);
        List<Backbone> efficientNets = Backbone.efficientNets();
        for (int i = 0; i < efficientNets.size(); i++) {
            md5.put(efficientNets.get(i), OFFICIAL_NOTOP_MD5.get(i));
        }
        return md5;
    }

    /** The published file name, e.g. {@code efficientnetb0_notop.h5}. */
    public static String fileName(Backbone variant) {
        requireVariant(variant);
        return variant.kerasModelName() + "_notop.h5";
    }

    /** Where the file is downloaded from. */
    public URI url(Backbone variant) {
        return baseUrl.resolve(fileName(variant));
    }

    /** Where the file is cached (it may not exist yet). */
    public Path cachedPath(Backbone variant) {
        return cacheDir.resolve(fileName(variant));
    }

    /** The MD5 the file must have. */
    public String expectedMd5(Backbone variant) {
        requireVariant(variant);
        String md5 = md5ByVariant.get(variant);
        if (md5 == null) {
            throw new IllegalArgumentException("no MD5 known for " + variant.displayName());
        }
        return md5;
    }

    /** {@link #resolve(Backbone, DownloadPolicy, DownloadListener)} without progress reports. */
    public Path resolve(Backbone variant, DownloadPolicy policy) {
        return resolve(variant, policy, DownloadListener.NONE);
    }

    /**
     * The verified local file of {@code variant}'s ImageNet weights, downloading it first if it is
     * not cached and {@code policy} allows.
     *
     * @throws WeightFileException if the file is not cached and may not or could not be downloaded, or if the cached
     *     or downloaded file has the wrong MD5
     */
    public Path resolve(Backbone variant, DownloadPolicy policy, DownloadListener listener) {
        Path target = cachedPath(variant);
        String expected = expectedMd5(variant);
        if (Files.exists(target)) {
            verifyCached(variant, target, expected);
            return target;
        }
        if (policy != DownloadPolicy.ALLOWED) {
            throw new WeightFileException(target, variant.displayName()
                    + " ImageNet weights are not cached and downloads are not allowed. Download " + url(variant)
                    + " (MD5 " + expected + ") and put it at " + target + ", or allow downloads (DownloadPolicy."
                    + DownloadPolicy.ALLOWED + ")");
        }
        return download(variant, target, expected, listener);
    }

    /**
     * Accepts a weights file the user names instead of the cache: it must be a readable, complete Keras weights
     * file; if it carries the official name ({@code efficientnetb{N}_notop.h5}) it claims to be Keras' file, so its
     * MD5 must match too (hashed on each call: no sidecar is written beside a user's file).
     *
     * @return the file's absolute path
     * @throws WeightFileException naming the file if it fails either check
     */
    public Path checkUserFile(Backbone variant, Path file) {
        Path path = file.toAbsolutePath();
        KerasWeightsFile.layerNames(path);
        if (path.getFileName().toString().equals(fileName(variant))) {
            String expected = expectedMd5(variant);
            String actual = hash(path);
            if (!actual.equals(expected)) {
                throw new WeightFileException(path, "is named like Keras' official " + variant + " file but has MD5 "
                        + actual + " where Keras pins " + expected + "; rename it if it is your own weights file");
            }
        }
        return path;
    }

    private void verifyCached(Backbone variant, Path target, String expected) {
        if (!Files.isRegularFile(target)) {
            throw new WeightFileException(target, "is in the way of the cached weights but is not a regular file");
        }
        if (VerifiedMarker.vouchesFor(target, expected)) {
            return;
        }
        String actual = hash(target);
        if (!actual.equals(expected)) {
            throw new WeightFileException(target, "has MD5 " + actual + " but Keras pins " + expected
                    + ": it is damaged or not the official file. Delete it (it is downloaded again when downloads are"
                    + " allowed) or replace it with " + url(variant));
        }
        recordVerified(target, expected);
    }

    private Path download(Backbone variant, Path target, String expected, DownloadListener listener) {
        URI url = url(variant);
        Path part = null;
        try {
            Files.createDirectories(cacheDir);
            // a unique name, so two processes downloading at once cannot write into each other's file
            part = Files.createTempFile(cacheDir, fileName(variant) + ".", ".part");
            HttpClient client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30))
                    .build();
            HttpResponse<InputStream> response =
                    client.send(HttpRequest.newBuilder(url).timeout(RESPONSE_TIMEOUT).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            String actual;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new WeightFileException(target, "download from " + url + " failed: HTTP "
                            + response.statusCode());
                }
                long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                actual = copyAndHash(url, body, part, total, listener);
            }
            if (!actual.equals(expected)) {
                throw new WeightFileException(target, "the download from " + url + " has MD5 " + actual
                        + " but Keras pins " + expected + "; it was discarded");
            }
            AtomicFiles.move(part, target);
            recordVerified(target, expected);
            return target;
        } catch (IOException | RuntimeException e) {
            WeightFileException failure = e instanceof WeightFileException w ? w
                    : new WeightFileException(target, "download from " + url + " failed: " + e, e);
            deletePart(part, failure);
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            WeightFileException failure =
                    new WeightFileException(target, "download from " + url + " was interrupted", e);
            deletePart(part, failure);
            throw failure;
        }
    }

    private static String copyAndHash(URI url, InputStream body, Path part, long total, DownloadListener listener)
            throws IOException {
        MessageDigest digest = Md5.newDigest();
        long done = 0;
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                OutputStream out = Channels.newOutputStream(channel)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int n; (n = body.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                done += n;
                listener.progress(url, done, total);
            }
            channel.force(true); // on disk before it is moved into place and trusted
        }
        if (total >= 0 && done != total) {
            throw new IOException("the body ended after " + done + " of " + total + " bytes");
        }
        return Md5.hex(digest);
    }

    private static void recordVerified(Path target, String md5) {
        try {
            VerifiedMarker.record(target, md5);
        } catch (IOException e) {
            // the marker only saves hashing next time; without it the file is simply hashed again
        }
    }

    private static void deletePart(Path part, WeightFileException failure) {
        if (part == null) {
            return;
        }
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            failure.addSuppressed(e); // the leftover .part is never read, but the user should know it is there
        }
    }

    private static String hash(Path file) {
        try {
            return Md5.of(file);
        } catch (IOException e) {
            throw new WeightFileException(file, "could not be read: " + e, e);
        }
    }

    private static void requireVariant(Backbone variant) {
        if (!variant.isEfficientNet()) {
            throw new IllegalArgumentException("The plain CNN has no ImageNet weights; use weights none");
        }
    }
}
