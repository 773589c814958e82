package io.fer.video;

import io.fer.core.image.RgbImage;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/** Converts fer's RGB frames into OpenCV images for the follower and the annotated video. */
final class Mats {
    private Mats() {}

    /** The frame as a new 8-bit BGR Mat (OpenCV's order); the caller closes it. */
    static Mat bgr(RgbImage image) {
        Mat mat = new Mat(image.height(), image.width(), opencv_core.CV_8UC3);
        try (Mat rgb = rgb(image)) {
            opencv_imgproc.cvtColor(rgb, mat, opencv_imgproc.COLOR_RGB2BGR);
        }
        return mat;
    }

    /** The frame as a new 8-bit grey Mat; the caller closes it. */
    static Mat gray(RgbImage image) {
        Mat mat = new Mat(image.height(), image.width(), opencv_core.CV_8UC1);
        try (Mat rgb = rgb(image)) {
            opencv_imgproc.cvtColor(rgb, mat, opencv_imgproc.COLOR_RGB2GRAY);
        }
        return mat;
    }

    private static Mat rgb(RgbImage image) {
        Mat rgb = new Mat(image.height(), image.width(), opencv_core.CV_8UC3);
        rgb.data().put(image.toBytes());   // a fresh Mat is continuous: rows follow each other
        return rgb;
    }
}
