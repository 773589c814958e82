package io.fer.core.image;

/**
 * Separable resampling of interleaved RGB bytes with a triangle (bilinear) filter.
 *
 * <p>When shrinking, the filter is widened by the scale factor (as Pillow's {@code BILINEAR} does), so each output
 * pixel averages the whole source area it covers; when enlarging, it is plain bilinear interpolation with pixel
 * centres at {@code i + 0.5}. Pure Java on purpose: the same crop must come out bit-identical at training and at run
 * time, whether or not OpenCV is loaded.
 */
final class Resampling {
    private Resampling() {}

    /** Contributions of source pixels to each output pixel along one axis. */
    private record Kernel(int[] first, int[] count, float[] weights, int maxTaps) {}

    static byte[] resize(byte[] src, int srcW, int srcH, int dstW, int dstH) {
        Kernel kx = kernel(srcW, dstW);
        Kernel ky = kernel(srcH, dstH);
        // horizontal pass: srcH rows of dstW pixels, kept as floats to round only once
        float[] tmp = new float[srcH * dstW * 3];
        for (int y = 0; y < srcH; y++) {
            int rowIn = y * srcW * 3;
            int rowOut = y * dstW * 3;
            for (int x = 0; x < dstW; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                int first = kx.first[x];
                int wBase = x * kx.maxTaps;
                for (int t = 0; t < kx.count[x]; t++) {
                    float w = kx.weights[wBase + t];
                    int i = rowIn + (first + t) * 3;
                    r += w * (src[i] & 0xFF);
                    g += w * (src[i + 1] & 0xFF);
                    b += w * (src[i + 2] & 0xFF);
                }
                int o = rowOut + x * 3;
                tmp[o] = r;
                tmp[o + 1] = g;
                tmp[o + 2] = b;
            }
        }
        byte[] out = new byte[dstW * dstH * 3];
        int stride = dstW * 3;
        for (int y = 0; y < dstH; y++) {
            int first = ky.first[y];
            int wBase = y * ky.maxTaps;
            int rowOut = y * stride;
            for (int i = 0; i < stride; i++) {
                float v = 0;
                for (int t = 0; t < ky.count[y]; t++) {
                    v += ky.weights[wBase + t] * tmp[(first + t) * stride + i];
                }
                out[rowOut + i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return out;
    }

    private static Kernel kernel(int in, int out) {
        double scale = (double) in / out;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // triangle of radius 1, widened when shrinking
        int maxTaps = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[out];
        int[] count = new int[out];
        float[] weights = new float[out * maxTaps];
        double[] w = new double[maxTaps];
        for (int i = 0; i < out; i++) {
            double centre = (i + 0.5) * scale;
            int lo = Math.max(0, (int) Math.floor(centre - support));
            int hi = Math.min(in, (int) Math.ceil(centre + support));
            double sum = 0;
            int n = 0;
            for (int j = lo; j < hi && n < maxTaps; j++, n++) {
                double d = Math.abs((j + 0.5 - centre) / filterScale);
                w[n] = Math.max(0, 1 - d);
                sum += w[n];
            }
            if (sum == 0) {
                // cannot happen for a triangle of radius >= 1, but never divide by zero
                w[0] = 1;
                sum = 1;
                n = Math.max(n, 1);
                lo = Math.min(lo, in - 1);
            }
            first[i] = lo;
            count[i] = n;
            for (int t = 0; t < n; t++) {
                weights[i * maxTaps + t] = (float) (w[t] / sum);
            }
        }
        return new Kernel(first, count, weights, maxTaps);
    }
}
