package io.fer.examples;

import io.fer.core.internal.FerVersion;
import io.fer.core.runtime.RuntimeInfo;
import io.fer.core.runtime.TensorFlowRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fer info}: the runtime, TensorFlow version, CPU or GPU, and the cache folder. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the runtime: fer and TensorFlow versions, CPU or GPU, natives and cache folder.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RuntimeInfo info = TensorFlowRuntime.describe();
        var out = spec.commandLine().getOut();
        out.println("fer          " + FerVersion.get());
        out.println("java         " + System.getProperty("java.version") + " (" + System.getProperty("os.arch") + ")");
        out.println("tensorflow   " + info.tensorFlowVersion());
        out.println("device       " + info.device() + (info.gpuCount() > 0 ? " (" + info.gpuCount() + " GPU)" : ""));
        out.println("natives      " + info.nativeSource());
        out.println("natives dir  " + info.nativeDirectory());
        out.println("cache        " + info.cacheDirectory());
        out.flush();
        return 0;
    }
}
