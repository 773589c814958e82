package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.RecognizerAccess;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.models.Backbone;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import io.fer.train.data.synthetic.SyntheticFaces;
import io.fer.train.eval.TrainingPhase;
import io.fer.train.protocol.Fold;
import io.fer.train.protocol.SubjectKFold;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the shipped synthetic faces: both phases, held-out identities, then the saved directory through
 * DJL. The plain CNN at 48 px keeps it inside CI's time (about a minute on two cores); EfficientNet from random
 * initialisation learns little from a thousand images, as expected without ImageNet weights.
 */
@Tag("slow")
class SyntheticFacesTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void learnsExpressionsOfPeopleItHasNeverSeen() throws Exception {
        Dataset all = SyntheticFaces.builder().identities(120).imagesPerClass(2).imageSize(48).seed(5).build();
        Fold fold = new SubjectKFold(5, 1).folds(all).get(0);
        Set<String> trainSubjects = new HashSet<>();
        fold.train().samples().forEach(s -> trainSubjects.add(s.subject()));
        assertThat(fold.test().samples()).noneMatch(s -> trainSubjects.contains(s.subject()));

        try (FerModel model = FerModel.builder().backbone(Backbone.CNN).weights(Weights.none()).inputSize(48)
                .freezeUntil(0).featureExtraction(1, 1e-3).fineTuning(30, 1e-3).batchSize(32)
                .augmentation(Augmentation.none()).cropCache(tmp.resolve("crops")).quiet().fit(fold.train())) {
            assertThat(model.history().phase(TrainingPhase.FEATURE_EXTRACTION)).hasSize(1);
            assertThat(model.history().phase(TrainingPhase.FINE_TUNING)).hasSize(30);
            Evaluation heldOut = model.evaluate(fold.test(), fold.name());
            System.out.printf("synthetic faces, CNN 48 px, held-out identities: accuracy %.3f on %d images%n",
                    heldOut.accuracy(), heldOut.predictions().size());
            assertThat(heldOut.accuracy()).isGreaterThanOrEqualTo(0.90);

            Path dir = tmp.resolve("model");
            model.save(dir);
            List<RgbImage> crops = new ArrayList<>();
            for (var s : fold.test().samples().subList(0, 64)) {
                crops.add(ImageDecoding.fromBufferedImage(s.load()));
            }
            float[] expected = model.probabilities(crops);
            try (Recognizer recognizer = Recognizer.load(dir)) {
                float[] actual = RecognizerAccess.probabilities(recognizer, crops);
                float maxDiff = 0;
                for (int i = 0; i < expected.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
                }
                assertThat(maxDiff).isLessThanOrEqualTo(1e-5f);
            }
        }
    }
}
