package io.fer.train.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fer.core.runtime.TensorFlowRuntime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam's graph against the closed form of Kingma and Ba's update with Keras' constants (beta1 0.9, beta2 0.999,
 * epsilon 1e-7, epsilon added to the uncorrected root as TensorFlow's ApplyAdam does).
 */
class AdamTest {
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;
    private static final double EPS = 1e-7;

    /** The loss {@code mean(3 c * x * x)} over the three weights, whose gradient is {@code 2 c x}. */
    private static final float[] C = {1f, 3f, 0.5f};
    private static final float[] X0 = {1f, -2f, 0.25f};

    @Test
    void stepsMatchTheClosedFormAndTheBiasCorrectionAdvances() {
        double lr = 0.01;
        float[][] fromGraph = runSteps(lr, 2);

        double[] x = new double[X0.length];
        double[] m = new double[X0.length];
        double[] v = new double[X0.length];
        for (int i = 0; i < X0.length; i++) {
            x[i] = X0[i];
        }
        for (int t = 1; t <= 2; t++) {
            double rate = lr * Math.sqrt(1 - Math.pow(B2, t)) / (1 - Math.pow(B1, t));
            for (int i = 0; i < x.length; i++) {
                double g = 2 * C[i] * x[i];
                m[i] = B1 * m[i] + (1 - B1) * g;
                v[i] = B2 * v[i] + (1 - B2) * g * g;
                x[i] -= rate * m[i] / (Math.sqrt(v[i]) + EPS);
            }
            for (int i = 0; i < x.length; i++) {
                assertThat((double) fromGraph[t - 1][i]).as("x[%d] after step %d", i, t).isCloseTo(x[i],
                        within(1e-6));
            }
        }
        // the first step of Adam moves every weight by about the learning rate, whatever its gradient's size
        for (int i = 0; i < X0.length; i++) {
            assertThat(Math.abs(fromGraph[0][i] - X0[i])).isCloseTo((float) lr, within(1e-5f));
        }
    }

    @Test
    void aFedLearningRateReplacesThePhasesRate() {
        float[][] fed = runSteps(0.01, 1, 0.1f);
        for (int i = 0; i < X0.length; i++) {
            assertThat(Math.abs(fed[0][i] - X0[i])).isCloseTo(0.1f, within(1e-4f));
        }
    }

    private static float[][] runSteps(double lr, int steps) {
        return runSteps(lr, steps, Float.NaN);
    }

    /** The variable's values after each of {@code steps} steps; {@code fedRate} feeds the rate when not NaN. */
    private static float[][] runSteps(double lr, int steps, float fedRate) {
        TensorFlowRuntime.ensureLoaded();
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Ops init = tf.withInitScope();
            Variable<TFloat32> x = tf.withName("x").variable(init.constant(X0));
            float[] threeC = new float[C.length];
            for (int i = 0; i < C.length; i++) {
                threeC[i] = 3 * C[i];
            }
            var loss = tf.math.mean(tf.math.mul(tf.constant(threeC), tf.math.mul(x, x)), tf.constant(0));
            Adam.Step step = Adam.minimize(tf, "adam", loss, List.of(x), lr, List.of());
            assertThat(step.learningRate().shape()).isEqualTo(Shape.scalar());
            float[][] values = new float[steps][X0.length];
            try (Session session = new Session(graph)) {
                session.initialize();
                for (int s = 0; s < steps; s++) {
                    Session.Runner runner = session.runner().addTarget(step.step());
                    if (Float.isNaN(fedRate)) {
                        runner.run().close();
                    } else {
                        try (TFloat32 rate = TFloat32.scalarOf(fedRate)) {
                            runner.feed(step.learningRate(), rate).run().close();
                        }
                    }
                    try (Result r = session.runner().fetch(x).run()) {
                        TFloat32 t = (TFloat32) r.get(0);
                        for (int i = 0; i < X0.length; i++) {
                            values[s][i] = t.getFloat(i);
                        }
                    }
                }
            }
            return values;
        }
    }
}
