package io.fer.train.data.synthetic;

import java.awt.image.BufferedImage;

/**
 * Camera-like finish of a rendered image: a slight blur (lens softness), an exposure factor and sensor noise.
 * Plain integer/double arithmetic on the pixel array, so the result is identical on every machine.
 */
final class PixelFinish {

    private PixelFinish() {}

    /** Applies the finish in place. */
    static void apply(BufferedImage image, double brightness, double noiseSigma, SeededRandom random) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        int[][] channels = new int[3][width * height];
        for (int i = 0; i < argb.length; i++) {
            channels[0][i] = (argb[i] >> 16) & 0xFF;
            channels[1][i] = (argb[i] >> 8) & 0xFF;
            channels[2][i] = argb[i] & 0xFF;
        }
        for (int[] channel : channels) {
            blur121(channel, width, height);
        }
        for (int i = 0; i < argb.length; i++) {
            double grain = random.gaussian() * noiseSigma;
            int r = Colors.channel(channels[0][i] * brightness + grain + random.gaussian() * noiseSigma * 0.3);
            int gr = Colors.channel(channels[1][i] * brightness + grain + random.gaussian() * noiseSigma * 0.3);
            int b = Colors.channel(channels[2][i] * brightness + grain + random.gaussian() * noiseSigma * 0.3);
            argb[i] = 0xFF000000 | (r << 16) | (gr << 8) | b;
        }
        image.setRGB(0, 0, width, height, argb, 0, width);
    }

    /** Separable [1 2 1]/4 blur, edges clamped, rounded to nearest. */
    private static void blur121(int[] c, int width, int height) {
        int[] tmp = new int[c.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int left = c[row + Math.max(0, x - 1)];
                int right = c[row + Math.min(width - 1, x + 1)];
                tmp[row + x] = (left + 2 * c[row + x] + right + 2) >> 2;
            }
        }
        for (int y = 0; y < height; y++) {
            int up = Math.max(0, y - 1) * width;
            int down = Math.min(height - 1, y + 1) * width;
            int row = y * width;
            for (int x = 0; x < width; x++) {
                c[row + x] = (tmp[up + x] + 2 * tmp[row + x] + tmp[down + x] + 2) >> 2;
            }
        }
    }
}
