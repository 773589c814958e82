package io.fer.train;

import io.fer.models.Backbone;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import io.fer.train.data.synthetic.SyntheticFaces;
import io.fer.train.protocol.SubjectKFold;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticTrainingProbe {
    @TempDir
    Path tmp;

    @Test
    void probe() {
        Dataset all = SyntheticFaces.builder().identities(Integer.getInteger("ids", 30))
                .imagesPerClass(Integer.getInteger("per", 2)).imageSize(Integer.getInteger("size", 48)).seed(5).build();
        var fold = new SubjectKFold(5, 1).folds(all).get(0);
        long t0 = System.nanoTime();
        Backbone b = Backbone.parse(System.getProperty("bb", "cnn"));
        try (FerModel m = FerModel.builder().backbone(b).weights(Weights.none())
                .inputSize(Integer.getInteger("size", 48)).freezeUntil(Integer.getInteger("freeze", 0))
                .featureExtraction(Integer.getInteger("e1", 3), 1e-3).fineTuning(Integer.getInteger("e2", 10),
                        Double.parseDouble(System.getProperty("lr2", "1e-3")))
                .head(Integer.getInteger("hidden", 0) > 0 ? Head.standard().withHidden(Integer.getInteger("hidden", 0)) : Head.standard())
                .batchSize(32).augmentation(Boolean.getBoolean("aug") ? Augmentation.paper() : Augmentation.none())
                .cropCache(tmp).fit(fold.train())) {
            var ev = m.evaluate(fold.test());
            System.out.printf("PROBE %s train=%d test=%d acc=%.3f time=%.1fs%n", b, fold.train().samples().size(),
                    fold.test().samples().size(), ev.accuracy(), (System.nanoTime() - t0) / 1e9);
        }
    }
}
