package io.fer.video;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How a track's class probabilities are smoothed over time, in seconds so that the same setting behaves the same at
 * any frame rate and across dropped frames: {@link #exponential} (each answer pulls the average towards it by
 * {@code 1 - exp(-dt / tau)}), {@link #window} (the mean of the answers of the last seconds) or {@link #none}.
 */
public abstract class Smoothing {
    private final double seconds;

    private Smoothing(double seconds) {
        this.seconds = seconds;
    }

    /** Exponential smoothing with time constant {@code tauSeconds} (an answer's weight falls to 1/e after it). */
    public static Smoothing exponential(double tauSeconds) {
        requirePositive(tauSeconds);
        return new Smoothing(tauSeconds) {
            @Override
            public Smoother newSmoother() {
                return new Smoother() {
                    private float[] mean;
                    private double last;

                    @Override
                    public float[] update(double time, float[] p) {
                        if (mean == null) {
                            mean = p.clone();
                        } else {
                            double alpha = 1 - Math.exp(-Math.max(0, time - last) / tauSeconds);
                            for (int i = 0; i < mean.length; i++) {
                                mean[i] += (float) (alpha * (p[i] - mean[i]));
                            }
                        }
                        last = time;
                        return mean.clone();
                    }
                };
            }

            @Override
            public String toString() {
                return "exponential(" + tauSeconds + " s)";
            }
        };
    }

    /** The mean of the answers of the last {@code seconds} (the current one included). */
    public static Smoothing window(double seconds) {
        requirePositive(seconds);
        return new Smoothing(seconds) {
            @Override
            public Smoother newSmoother() {
                return new Smoother() {
                    private final Deque<double[]> times = new ArrayDeque<>();
                    private final Deque<float[]> answers = new ArrayDeque<>();

                    @Override
                    public float[] update(double time, float[] p) {
                        times.addLast(new double[] {time});
                        answers.addLast(p.clone());
                        while (times.peekFirst()[0] <= time - seconds) {
                            times.removeFirst();
                            answers.removeFirst();
                        }
                        float[] mean = new float[p.length];
                        for (float[] a : answers) {
                            for (int i = 0; i < mean.length; i++) {
                                mean[i] += a[i] / answers.size();
                            }
                        }
                        return mean;
                    }
                };
            }

            @Override
            public String toString() {
                return "window(" + seconds + " s)";
            }
        };
    }

    /** No smoothing: every frame's own answer. */
    public static Smoothing none() {
        return new Smoothing(0) {
            @Override
            public Smoother newSmoother() {
                return (time, p) -> p.clone();
            }

            @Override
            public String toString() {
                return "none";
            }
        };
    }

    /** The time constant or window in seconds (0 for none). */
    public double seconds() {
        return seconds;
    }

    /** A fresh state for one track. */
    public abstract Smoother newSmoother();

    /** One track's smoothing state. */
    @FunctionalInterface
    public interface Smoother {
        /** Takes the answer at {@code timeSeconds} (times increase) and gives the smoothed probabilities. */
        float[] update(double timeSeconds, float[] probabilities);
    }

    private static void requirePositive(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("A smoothing time must be positive seconds, got " + seconds);
        }
    }
}
