package io.fer.train;

/**
 * How a phase's learning rate changes over its steps: {@link #constant()} (the paper's recipe) or
 * {@link #cosine(int)}, a linear warm-up followed by cosine decay to zero, which from-scratch training needs.
 */
public sealed interface LearningRateSchedule {

    /** The rate at {@code step} (from 0) of {@code totalSteps}, with {@code stepsPerEpoch} steps per epoch. */
    double rate(double base, long step, long totalSteps, int stepsPerEpoch);

    /** The same rate at every step. */
    static LearningRateSchedule constant() {
        return Constant.INSTANCE;
    }

    /**
     * Linear warm-up from 0 over {@code warmupEpochs}, then half a cosine from the base rate down to 0 at the end of
     * the phase, computed per step (as Keras' {@code CosineDecay} with {@code warmup_steps}).
     */
    static LearningRateSchedule cosine(int warmupEpochs) {
        return new Cosine(warmupEpochs);
    }

    /** Parses {@code constant}, {@code cosine} or {@code cosine:WARMUP_EPOCHS}. */
    static LearningRateSchedule parse(String text) {
        String t = text.trim();
        if (t.equals("constant")) {
            return constant();
        }
        if (t.equals("cosine")) {
            return cosine(0);
        }
        if (t.startsWith("cosine:")) {
            try {
                return cosine(Integer.parseInt(t.substring("cosine:".length())));
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("Unknown learning-rate schedule '" + text
                + "': use constant, cosine or cosine:WARMUP_EPOCHS");
    }

    /** Constant rate. */
    final class Constant implements LearningRateSchedule {
        private static final Constant INSTANCE = new Constant();

        private Constant() {}

        @Override
        public double rate(double base, long step, long totalSteps, int stepsPerEpoch) {
            return base;
        }

        @Override
        public String toString() {
            return "constant";
        }
    }

    /** Warm-up and cosine decay. */
    record Cosine(int warmupEpochs) implements LearningRateSchedule {
        public Cosine {
            if (warmupEpochs < 0) {
                throw new IllegalArgumentException("Warm-up epochs must be 0 or more, got " + warmupEpochs);
            }
        }

        @Override
        public double rate(double base, long step, long totalSteps, int stepsPerEpoch) {
            long warmup = Math.min((long) warmupEpochs * stepsPerEpoch, totalSteps);
            if (step < warmup) {
                return base * (step + 1) / warmup;
            }
            long decaySteps = Math.max(1, totalSteps - warmup);
            double progress = Math.min(1.0, (double) (step - warmup) / decaySteps);
            return base * 0.5 * (1 + Math.cos(Math.PI * progress));
        }

        @Override
        public String toString() {
            return warmupEpochs == 0 ? "cosine" : "cosine:" + warmupEpochs;
        }
    }
}
