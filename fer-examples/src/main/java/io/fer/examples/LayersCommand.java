package io.fer.examples;

import io.fer.models.Backbone;
import io.fer.models.internal.Backbones;
import io.fer.models.internal.keras.LayerSpec;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fer layers b0}: a backbone's Keras layer table, to choose where fine-tuning starts. */
@Command(name = "layers", mixinStandardHelpOptions = true,
        description = "Print a backbone's layers in Keras order (index, negative index, name, class, parameters).")
final class LayersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BACKBONE", description = "b0..b7 or cnn")
    String backbone;

    @Override
    public Integer call() {
        Backbone b = Backbone.parse(backbone);
        List<LayerSpec> layers = Backbones.layers(b);
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%5s %5s  %-28s %-24s %12s%n", "index", "neg", "name", "class", "parameters");
        long total = 0;
        for (LayerSpec l : layers) {
            out.printf(Locale.ROOT, "%5d %5d  %-28s %-24s %,12d%n", l.index(), l.index() - layers.size(), l.name(),
                    l.kerasClass(), l.parameterCount());
            total += l.parameterCount();
        }
        out.printf(Locale.ROOT, "%s: %d layers, %,d parameters. Freeze with --freeze-until INDEX or NAME "
                + "(negative counts from the end).%n", b.label(), layers.size(), total);
        out.flush();
        return 0;
    }
}
