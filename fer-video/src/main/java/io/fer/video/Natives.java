package io.fer.video;

import io.fer.core.runtime.TensorFlowRuntime;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_videoio;

/** Loads OpenCV's video natives with fer's cache settings (JavaCPP's cache under FER_HOME, offline). */
final class Natives {
    private Natives() {}

    static void load() {
        TensorFlowRuntime.keepOffline();
        Loader.load(opencv_videoio.class);
    }
}
