package io.fer.core.face;

import io.fer.core.internal.AtomicFiles;
import io.fer.core.internal.FerHome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The YuNet model file ({@code face_detection_yunet_2023mar.onnx}, MIT, Copyright (c) 2020 Shiqi Yu; from
 * opencv_zoo), bundled in fer-core's jar and unpacked once into {@link FerHome}'s {@code models/yunet/}: OpenCV
 * reads models from files. Its SHA-256 is checked after unpacking and whenever an unpacked copy is reused, so a
 * damaged copy is replaced rather than run.
 */
final class YuNetModel {
    /** The model's file name. */
    public static final String FILE_NAME = "face_detection_yunet_2023mar.onnx";
    /** Its SHA-256, as opencv_zoo pins it (the Git LFS object id of the file at commit 966be4cb). */
    public static final String SHA256 = "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4";
    static final String RESOURCE = "io/fer/core/face/yunet/" + FILE_NAME;

    private static Path unpacked;

    private YuNetModel() {}

    /**
     * The bundled model's file under {@link FerHome}, unpacked and verified on first use in this JVM.
     *
     * @throws IllegalStateException if the model is not on the classpath or its checksum is wrong after unpacking
     * @throws UncheckedIOException if it cannot be written
     */
    public static synchronized Path file() {
        if (unpacked == null) {
            unpacked = unpack(FerHome.resolve("models").resolve("yunet").resolve(FILE_NAME));
        }
        return unpacked;
    }

    /** Checks that {@code file} is the YuNet model fer was built with, by SHA-256. */
    public static boolean isIntact(Path file) {
        try {
            return Files.isRegularFile(file) && SHA256.equals(sha256(file));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path unpack(Path target) {
        URL url = YuNetModel.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("The YuNet model " + RESOURCE + " is not on the classpath (is fer-core's "
                    + "jar complete?)");
        }
        try {
            if (isIntact(target)) {
                return target;
            }
            Files.deleteIfExists(target); // AtomicFiles.unpack keeps a file of the right size, however damaged
            AtomicFiles.unpack(url, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the YuNet model into " + target.getParent() + " (set "
                    + FerHome.ENV + " to a writable folder)", e);
        }
        if (!isIntact(target)) {
            throw new IllegalStateException("The YuNet model unpacked to " + target + " does not have SHA-256 "
                    + SHA256 + ": fer-core's jar is damaged");
        }
        return target;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
