package io.fer.train.data.synthetic;

/**
 * A small SplitMix64 generator keyed by several numbers, so that each identity and each image gets its own stream
 * that does not depend on which other images are generated. Its output is fixed by this code alone (unlike
 * {@code java.util.SplittableRandom}, whose algorithm the JDK does not promise), and it uses no transcendental
 * functions, so the same key gives the same numbers on every machine.
 */
final class SeededRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SeededRandom(long... keys) {
        long s = 0x5DEECE66DL;
        for (long key : keys) {
            s = mix(s ^ mix(key + GOLDEN_GAMMA));
        }
        state = s;
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) Math.floor(nextDouble() * bound);
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Roughly normal with mean 0 and standard deviation 1 (Irwin-Hall sum of four uniforms: no log/cos needed). */
    double gaussian() {
        double sum = nextDouble() + nextDouble() + nextDouble() + nextDouble();
        return (sum - 2.0) * 1.7320508075688772;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
