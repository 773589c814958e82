package io.fer.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FramesTest {
    private static RgbImage image;

    @BeforeAll
    static void load() {
        Loader.load(opencv_core.class);
        image = RgbImage.fromBufferedImage(TestImages.colourPattern(7, 5));
    }

    @Test
    void rawFramesWithPaddedRowsInEitherOrder() {
        int stride = 7 * 3 + 5;
        byte[] rgb = new byte[stride * 5 - 5];
        byte[] bgr = new byte[stride * 5 - 5];
        byte[] src = image.toBytes();
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[y * stride + x * 3 + c] = src[(y * 7 + x) * 3 + c];
                    bgr[y * stride + x * 3 + 2 - c] = src[(y * 7 + x) * 3 + c];
                }
            }
        }
        assertThat(Frames.fromRaw(rgb, 7, 5, stride, Frames.PixelOrder.RGB)).isEqualTo(image);
        assertThat(Frames.fromRaw(bgr, 7, 5, stride, Frames.PixelOrder.BGR)).isEqualTo(image);
        assertThatThrownBy(() -> Frames.fromRaw(rgb, 7, 5, 20, Frames.PixelOrder.RGB)).hasMessageContaining("stride 20");
        assertThatThrownBy(() -> Frames.fromRaw(new byte[10], 7, 5, 21, Frames.PixelOrder.RGB))
                .hasMessageContaining("needs 105 bytes, got 10");
    }

    @Test
    void matsInBgrBgraOrGreyIncludingViews() {
        byte[] src = image.toBytes();
        Mat rgb = new Mat(5, 7, opencv_core.CV_8UC3);
        rgb.data().put(src, 0, src.length);
        Mat bgr = new Mat();
        opencv_imgproc.cvtColor(rgb, bgr, opencv_imgproc.COLOR_RGB2BGR);
        assertThat(Frames.fromMat(bgr)).isEqualTo(image);
        Mat bgra = new Mat();
        opencv_imgproc.cvtColor(bgr, bgra, opencv_imgproc.COLOR_BGR2BGRA);
        assertThat(Frames.fromMat(bgra)).isEqualTo(image);
        // a view into a larger Mat: rows are further apart than its width
        Mat view = bgr.apply(new Rect(2, 1, 4, 3));
        assertThat(Frames.fromMat(view)).isEqualTo(image.crop(2, 1, 4, 3));
        Mat gray = new Mat();
        opencv_imgproc.cvtColor(bgr, gray, opencv_imgproc.COLOR_BGR2GRAY);
        RgbImage g = Frames.fromMat(gray);
        assertThat(g.isGrayscale()).isTrue();
        assertThatThrownBy(() -> Frames.fromMat(new Mat())).hasMessageContaining("empty");
        assertThatThrownBy(() -> Frames.fromMat(new Mat(3, 3, opencv_core.CV_32FC3))).hasMessageContaining("8-bit");
    }
}
