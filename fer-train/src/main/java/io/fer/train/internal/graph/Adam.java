package io.fer.train.internal.graph;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam as Keras configures it (beta1 0.9, beta2 0.999, epsilon 1e-7), built into the graph with its own slot
 * variables, so that each training phase starts with a fresh optimizer state as a Keras re-compile does.
 */
final class Adam {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-7f;

    private Adam() {}

    /** A step op and the learning rate it uses: {@code learningRate} defaults to the phase's rate, or is fed. */
    record Step(Op step, Operand<TFloat32> learningRate) {}

    /**
     * An op that takes one Adam step on {@code variables} to reduce {@code loss}, after {@code before} has run
     * (batch-norm updates, so that one session call does everything).
     */
    static Step minimize(Ops tf, String name, Operand<TFloat32> loss, List<Variable<TFloat32>> variables,
            double learningRate, List<Op> alsoRun) {
        Ops scope = tf.withSubScope(name);
        Ops init = scope.withInitScope();
        List<Operand<?>> xs = new ArrayList<>(variables);
        List<Output<?>> grads = scope.gradients(loss, xs).dy();
        Variable<TFloat32> beta1Power = scope.withName("beta1_power").variable(init.constant(BETA1));
        Variable<TFloat32> beta2Power = scope.withName("beta2_power").variable(init.constant(BETA2));
        // fed per step by a learning-rate schedule; without a feed the phase's constant rate
        Operand<TFloat32> lr = scope.withName("learning_rate").placeholderWithDefault(
                scope.constant((float) learningRate), org.tensorflow.ndarray.Shape.scalar());
        Operand<TFloat32> b1 = scope.constant(BETA1);
        Operand<TFloat32> b2 = scope.constant(BETA2);
        Operand<TFloat32> eps = scope.constant(EPSILON);
        // Variables are updated in place while the same step may still read them (a backward op reads a layer's
        // kernel after that kernel's own gradient is ready): every update waits for every gradient, so that a step
        // never mixes old and new weights and equal seeds give equal runs.
        List<Operand<TFloat32>> gradients = new ArrayList<>();
        for (Output<?> g : grads) {
            @SuppressWarnings("unchecked")
            Output<TFloat32> typed = (Output<TFloat32>) g;
            gradients.add(scope.identity(typed));
        }
        List<Op> gradientOps = new ArrayList<>();
        gradients.forEach(g -> gradientOps.add((Op) g));
        Ops update = scope.withControlDependencies(gradientOps);
        List<Op> applies = new ArrayList<>(alsoRun);
        for (int i = 0; i < variables.size(); i++) {
            Variable<TFloat32> v = variables.get(i);
            Ops slot = scope.withSubScope("slot" + i);
            Operand<TFloat32> zeros = init.zeros(init.constant(v.shape().asArray()), TFloat32.class);
            Variable<TFloat32> m = slot.withName("m").variable(zeros);
            Variable<TFloat32> u = slot.withName("v").variable(zeros);
            Operand<TFloat32> g = gradients.get(i);
            applies.add(update.train.applyAdam(v, m, u, beta1Power, beta2Power, lr, b1, b2, eps, g));
        }
        Ops after = scope.withControlDependencies(applies);
        Op p1 = after.assign(beta1Power, after.math.mul(beta1Power, b1));
        Op p2 = after.assign(beta2Power, after.math.mul(beta2Power, b2));
        return new Step(scope.withControlDependencies(List.of(p1, p2)).withName("step").noOp(), lr);
    }
}
