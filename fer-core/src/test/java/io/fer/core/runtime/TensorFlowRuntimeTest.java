package io.fer.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.fer.core.internal.FerHome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class TensorFlowRuntimeTest {

    @Test
    void loadsOfflineFromTheClasspathAndDescribesItself() {
        RuntimeInfo info = TensorFlowRuntime.describe();
        assertThat(info.tensorFlowVersion()).startsWith("2.16");
        assertThat(info.nativeSource()).isIn(TensorFlowRuntime.CORE_NATIVE, TensorFlowRuntime.DJL_NATIVE);
        assertThat(info.device()).isIn("CPU", "GPU");
        assertThat(info.cacheDirectory()).isEqualTo(FerHome.path().toString());
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(info.toString()).contains("TensorFlow 2.16").contains(info.nativeSource());
    }

    @Test
    void concurrentCallersGetTheSameEngine() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> engines = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                engines.add(pool.submit(TensorFlowRuntime::engine));
            }
            Object first = engines.get(0).get();
            for (Future<Object> f : engines) {
                assertThat(f.get()).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void djlArraysAndRawGraphsBothRun() {
        try (NDManager manager = TensorFlowRuntime.engine().newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3});
            assertThat(a.mul(2).toFloatArray()).containsExactly(2, 4, 6);
        }
        TensorFlowRuntime.ensureLoaded();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            var sum = tf.math.add(tf.constant(1.5f), tf.constant(2f));
            try (Result r = s.runner().fetch(sum).run()) {
                assertThat(((TFloat32) r.get(0)).getFloat()).isEqualTo(3.5f);
            }
        }
    }
}
