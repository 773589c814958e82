package io.fer.models.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fer.core.internal.FerHome;
import io.fer.models.Backbone;
import io.fer.models.WeightFileException;
import io.fer.models.internal.keras.KerasReference;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.KerasWeightsFile;
import io.fer.models.internal.keras.WeightArray;
import io.fer.models.internal.keras.KerasReference;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution against a local HTTP server on 127.0.0.1: nothing here reaches the internet. */
class ImageNetWeightsTest {
    private static final String B0 = "efficientnetb0_notop.h5";

    @TempDir
    Path temp;

    private Path cache;
    private HttpServer server;
    private URI base;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile byte[] served = bytes(200_000, 1);
    private volatile int status = 200;

    @BeforeEach
    void startServer() throws IOException {
        cache = temp.resolve("cache/weights");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/keras/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            byte[] body = served;
            if (status != 200) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/keras");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void downloadsVerifiesCachesAndThenStaysOffline() throws IOException {
        ImageNetWeights weights = new ImageNetWeights(cache, base, Map.of(Backbone.B0, md5(served)));
        List<long[]> progress = new CopyOnWriteArrayList<>();

        Path file = weights.resolve(Backbone.B0, DownloadPolicy.ALLOWED, (url, done, total) -> progress.add(new long[] {done, total}));

        assertThat(file).isEqualTo(cache.resolve(B0).toAbsolutePath());
        assertThat(Files.readAllBytes(file)).isEqualTo(served);
        assertThat(requests).containsExactly("/keras/" + B0);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(served.length, served.length);
        assertThat(listing(cache)).containsExactlyInAnyOrder(B0, B0 + ".verified");

        assertThat(weights.resolve(Backbone.B0, DownloadPolicy.OFFLINE)).isEqualTo(file);
        assertThat(weights.resolve(Backbone.B0, DownloadPolicy.ALLOWED)).isEqualTo(file);
        assertThat(requests).as("the cached file is used, the server not asked again").hasSize(1);
    }

    @Test
    void rejectsADownloadWithTheWrongHashAndKeepsNothing() throws IOException {
        String expected = md5(bytes(200_000, 2));
        ImageNetWeights weights = new ImageNetWeights(cache, base, Map.of(Backbone.B0, expected));

        assertThatThrownBy(() -> weights.resolve(Backbone.B0, DownloadPolicy.ALLOWED))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining(cache.resolve(B0).toAbsolutePath().toString())
                .hasMessageContaining(base + "/" + B0)
                .hasMessageContaining("has MD5 " + md5(served))
                .hasMessageContaining("Keras pins " + expected);
        assertThat(listing(cache)).as("neither the file nor a .part is left").isEmpty();
        assertThatThrownBy(() -> weights.resolve(Backbone.B0, DownloadPolicy.OFFLINE)).hasMessageContaining("not cached");
    }

    @Test
    void offlineAndNotCachedNamesTheUrlThePathAndTheOption() {
        ImageNetWeights weights = new ImageNetWeights(cache, base, ImageNetWeights.officialMd5());
        Path expectedPath = cache.resolve("efficientnetb3_notop.h5").toAbsolutePath();

        assertThatThrownBy(() -> weights.resolve(Backbone.B3, DownloadPolicy.OFFLINE))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining(base + "/efficientnetb3_notop.h5")
                .hasMessageContaining("put it at " + expectedPath)
                .hasMessageContaining("DownloadPolicy.ALLOWED")
                .hasMessageContaining(ImageNetWeights.officialMd5().get(Backbone.B3));
        assertThat(requests).isEmpty();
    }

    @Test
    void aPartialDownloadIsNeverUsed() throws IOException {
        ImageNetWeights weights = new ImageNetWeights(cache, base, Map.of(Backbone.B0, md5(served)));
        Files.createDirectories(cache);
        Files.write(cache.resolve(B0 + ".part"), served);
        Files.write(cache.resolve(B0 + ".12345.part"), served);

        assertThatThrownBy(() -> weights.resolve(Backbone.B0, DownloadPolicy.OFFLINE)).hasMessageContaining("not cached");
        assertThat(requests).isEmpty();

        assertThat(weights.resolve(Backbone.B0, DownloadPolicy.ALLOWED)).isEqualTo(cache.resolve(B0).toAbsolutePath());
        assertThat(requests).as("downloaded afresh, not taken from the .part").hasSize(1);
    }

    @Test
    void aCachedFileWithTheWrongHashIsReportedNotUsedNorReplaced() throws IOException {
        ImageNetWeights weights = new ImageNetWeights(cache, base, Map.of(Backbone.B0, md5(served)));
        byte[] damaged = bytes(1000, 3);
        Files.createDirectories(cache);
        Files.write(cache.resolve(B0), damaged);

        assertThatThrownBy(() -> weights.resolve(Backbone.B0, DownloadPolicy.ALLOWED))
                .isInstanceOf(WeightFileException.class)
                .hasMessageStartingWith(cache.resolve(B0).toAbsolutePath().toString())
                .hasMessageContaining("has MD5 " + md5(damaged) + " but Keras pins " + md5(served))
                .hasMessageContaining("Delete it");
        assertThat(requests).isEmpty();
        assertThat(Files.readAllBytes(cache.resolve(B0))).isEqualTo(damaged);
    }

    @Test
    void aCachedFileThatChangedIsHashedAgain() throws IOException {
        ImageNetWeights weights = new ImageNetWeights(cache, base, Map.of(Backbone.B0, md5(served)));
        Path file = weights.resolve(Backbone.B0, DownloadPolicy.ALLOWED);
        Files.write(file, bytes(served.length + 1, 4));

        assertThatThrownBy(() -> weights.resolve(Backbone.B0, DownloadPolicy.OFFLINE)).hasMessageContaining("has MD5");
    }

    @Test
    void theSidecarSparesHashingAFileWhoseSizeAndTimeAreUnchanged() throws IOException {
        ImageNetWeights weights = new ImageNetWeights(cache, base, Map.of(Backbone.B0, md5(served)));
        Path file = weights.resolve(Backbone.B0, DownloadPolicy.ALLOWED);
        FileTime modified = Files.getLastModifiedTime(file);
        // the documented trade-off: same size, same time, different bytes is not noticed
        Files.write(file, bytes(served.length, 5));
        Files.setLastModifiedTime(file, modified);
        assertThat(weights.resolve(Backbone.B0, DownloadPolicy.OFFLINE)).isEqualTo(file);

        Files.delete(VerifiedMarker.of(file));
        assertThatThrownBy(() -> weights.resolve(Backbone.B0, DownloadPolicy.OFFLINE)).hasMessageContaining("has MD5");
    }

    @Test
    void anHttpErrorLeavesNothingBehind() throws IOException {
        status = 404;
        ImageNetWeights weights = new ImageNetWeights(cache, base, Map.of(Backbone.B0, md5(served)));
        assertThatThrownBy(() -> weights.resolve(Backbone.B0, DownloadPolicy.ALLOWED))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining("download from " + base + "/" + B0 + " failed: HTTP 404");
        assertThat(listing(cache)).isEmpty();
    }

    @Test
    void embedsTheHashesKerasPins() throws IOException {
        Map<Backbone, String> fromKeras = new TreeMap<>();
        for (String line : Files.readAllLines(KerasReference.dir().resolve("weights-hashes.tsv"))) {
            String[] f = line.split("\t");
            if (f[0].matches("efficientnetb\\d_notop\\.h5")) {
                fromKeras.put(Backbone.parse(f[0].substring(0, "efficientnetb0".length())), f[1]);
            }
        }
        assertThat(fromKeras).hasSize(8);
        assertThat(ImageNetWeights.officialMd5()).isEqualTo(fromKeras);
    }

    @Test
    void standardUsesKerasUrlsAndTheFerHomeCache() {
        String old = System.getProperty(ImageNetWeights.BASE_URL_PROPERTY);
        try {
            System.clearProperty(ImageNetWeights.BASE_URL_PROPERTY);
            ImageNetWeights standard = ImageNetWeights.standard();
            assertThat(standard.url(Backbone.B0)).hasToString(
                    "https://storage.googleapis.com/keras-applications/efficientnetb0_notop.h5");
            assertThat(standard.cachedPath(Backbone.B7)).isEqualTo(FerHome.resolve("weights").resolve("efficientnetb7_notop.h5"));
            assertThat(standard.expectedMd5(Backbone.B0)).isEqualTo("50bc09e76180e00e4465e1a485ddc09d");

            System.setProperty(ImageNetWeights.BASE_URL_PROPERTY, "http://mirror.invalid/keras");
            assertThat(ImageNetWeights.standard().url(Backbone.B7)).hasToString("http://mirror.invalid/keras/efficientnetb7_notop.h5");
        } finally {
            if (old == null) {
                System.clearProperty(ImageNetWeights.BASE_URL_PROPERTY);
            } else {
                System.setProperty(ImageNetWeights.BASE_URL_PROPERTY, old);
            }
        }
    }

    @Test
    void variantsAreB0ToB7() {
        assertThat(ImageNetWeights.fileName(Backbone.B7)).isEqualTo("efficientnetb7_notop.h5");
        assertThatThrownBy(() -> ImageNetWeights.fileName(Backbone.CNN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageNetWeights.fileName(Backbone.parse("b8"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUserFileMustBeAKerasWeightsFile() throws IOException {
        ImageNetWeights weights = new ImageNetWeights(cache, base, ImageNetWeights.officialMd5());
        Path text = temp.resolve("mine.h5");
        Files.writeString(text, "not weights");
        assertThatThrownBy(() -> weights.checkUserFile(Backbone.B0, text))
                .isInstanceOf(WeightFileException.class).hasMessageContaining("not an HDF5 file");

        Path mine = temp.resolve("trained.h5");
        KerasWeightsFile.write(mine, new KerasWeights()
                .put("dense", List.of(WeightArray.ofFloats("bias", new long[] {2}, new float[] {1, 2}))));
        assertThat(weights.checkUserFile(Backbone.B0, mine)).isEqualTo(mine.toAbsolutePath());
        assertThat(requests).isEmpty();
    }

    @Test
    void aUserFileWithTheOfficialNameMustHaveTheOfficialHash() throws IOException {
        Path official = temp.resolve("downloads/" + B0);
        KerasWeightsFile.write(official, new KerasWeights()
                .put("dense", List.of(WeightArray.ofFloats("bias", new long[] {2}, new float[] {1, 2}))));
        assertThatThrownBy(() -> new ImageNetWeights(cache, base, ImageNetWeights.officialMd5()).checkUserFile(Backbone.B0, official))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining("named like Keras' official B0 file but has MD5 " + md5(Files.readAllBytes(official)));

        ImageNetWeights matching = new ImageNetWeights(cache, base, Map.of(Backbone.B0, md5(Files.readAllBytes(official))));
        assertThat(matching.checkUserFile(Backbone.B0, official)).isEqualTo(official.toAbsolutePath());
    }

    private static byte[] bytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
