package io.fer.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fer.core.Recognizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default detector (YuNet on ONNX Runtime, with the Recognizer's OpenCV preload) never loads OpenCV's
 * {@code highgui}, which JavaCPP's Linux build links against GTK 2: on a machine without GTK (many container images)
 * it must still find faces. Checked in a fresh JVM by the libraries mapped into it; Haar, which does need
 * {@code objdetect}, is the control.
 */
class DefaultDetectorWithoutGtkTest {
    @TempDir
    Path tmp;

    @Test
    void yunetOnOnnxRuntimeNeverLoadsHighguiOrGtk() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "Linux only: reads /proc/self/maps");
        String out = child("yunet");
        assertThat(out).contains("faces 1").contains("highgui false").contains("gtk false");
    }

    @Test
    void haarStillLoadsObjdetectAndWithItHighgui() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "Linux only: reads /proc/self/maps");
        String out = child("haar");
        assertThat(out).contains("highgui true");
    }

    private String child(String detector) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                "-Dfer.home=" + System.getProperty("fer.home", tmp.resolve("fer-home").toString()),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", Child.class.getName(), detector)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Preloads as a Recognizer does, detects once on the astronaut photo, reports what is mapped. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            FaceDetector.preload();
            try (FaceDetector detector = args[0].equals("haar") ? new HaarFaceDetector() : new YuNetFaceDetector()) {
                System.out.println("faces " + detector.detect(Photos.astronaut()).size());
            }
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("fer-opencv-preload")) {
                    t.join(60_000);
                }
            }
            List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
            System.out.println("highgui " + maps.stream().anyMatch(l -> l.contains("libopencv_highgui")));
            System.out.println("gtk " + maps.stream().anyMatch(l -> l.contains("libgtk")));
        }
    }
}
