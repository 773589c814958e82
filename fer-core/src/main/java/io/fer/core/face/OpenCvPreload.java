package io.fer.core.face;

import io.fer.core.runtime.TensorFlowRuntime;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_objdetect;

/** Loads OpenCV's natives once, in the background, ahead of the first detector. */
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
                Loader.load(opencv_objdetect.class);
            } catch (RuntimeException | Error e) {
                // a detector's constructor loads again and reports the failure to its caller
            }
        }, "fer-opencv-preload");
        loader.setDaemon(true);
        loader.start();
    }
}
