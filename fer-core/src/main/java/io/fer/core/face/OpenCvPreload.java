package io.fer.core.face;

import io.fer.core.runtime.TensorFlowRuntime;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgproc;

/**
 * Loads the OpenCV natives every detector needs (core and imgproc) once, in the background, ahead of the first
 * detector. Not {@code objdetect}: JavaCPP's OpenCV loads {@code highgui} with it, which on Linux needs GTK 2, and
 * the default detector (YuNet on ONNX Runtime) needs neither; Haar and OpenCV's YuNet load it when they are made.
 */
final class OpenCvPreload {
    private static boolean started;

    private OpenCvPreload() {}

    static void start() {
        synchronized (OpenCvPreload.class) {
            if (started) {
                return;
            }
            started = true;
        }
        Thread loader = new Thread(() -> {
            try {
                TensorFlowRuntime.keepOffline();
                Loader.load(opencv_imgproc.class);
            } catch (RuntimeException | Error e) {
                // a detector's constructor loads again and reports the failure to its caller
            }
        }, "fer-opencv-preload");
        loader.setDaemon(true);
        loader.start();
    }
}
