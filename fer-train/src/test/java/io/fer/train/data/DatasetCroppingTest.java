package io.fer.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.face.CropSettings.NoFacePolicy;
import io.fer.core.face.CropSettings;
import io.fer.core.face.FaceCrop;
import io.fer.core.face.FaceCropper;
import io.fer.train.internal.data.CropCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data set files through the real Haar detector and the crop cache, as training does. */
class DatasetCroppingTest {
    @TempDir
    Path dir;

    @Test
    void aSecondPassOverAJaffeFolderServesEveryCropFromTheCache() throws Exception {
        Path jaffe = dir.resolve("jaffe");
        // the cache is keyed by content: four different images (sizes), so four entries
        int size = 96;
        for (String name : List.of("KA.AN1.1.tiff", "KA.HA1.2.tiff", "KL.NE1.3.tiff", "KL.SU1.4.tiff")) {
            Fixtures.grayPaletteTiff(jaffe.resolve(name), size, size++);
        }
        Fixtures.flatTiff(jaffe.resolve("KM.FE1.5.tiff"), 96, 96);
        Dataset data = JaffeDataset.load(jaffe);
        CropSettings settings = CropSettings.builder().inputSize(64).noFacePolicy(NoFacePolicy.CENTER_CROP).build();
        List<FaceCrop> first = new ArrayList<>();
        try (FaceCropper cropper = new FaceCropper(settings)) {
            CropCache cache = new CropCache(dir.resolve("crops"), cropper);
            for (Sample s : data.samples()) {
                first.add(cache.crop(s.file()).orElseThrow());
            }
            assertThat(cache.misses()).isEqualTo(5);
        }
        // the flat image has no face, so the CENTER_CROP policy centre-crops it; the detector may or may not take the drawn
        // faces for faces, but every crop is there either way
        FaceCrop flat = first.get(data.samples().indexOf(data.samples().stream()
                .filter(s -> s.id().equals("KM.FE1.5.tiff")).findFirst().orElseThrow()));
        assertThat(flat.origin()).isEqualTo(FaceCrop.Origin.NO_FACE_CENTER_CROP);
        assertThat(first).allSatisfy(c -> {
            assertThat(c.image().width()).isEqualTo(64);
            assertThat(c.image().isGrayscale()).isTrue();
        });
        try (FaceCropper skipping = new FaceCropper(settings.toBuilder().noFacePolicy(NoFacePolicy.SKIP).build())) {
            CropCache cache = new CropCache(dir.resolve("crops"), skipping);
            List<Optional<FaceCrop>> second = new ArrayList<>();
            for (Sample s : data.samples()) {
                second.add(cache.crop(s.file()));
            }
            assertThat(cache.hits()).isEqualTo(5);
            assertThat(cache.misses()).isZero();
            // the same entries, now with the SKIP policy: detected faces come back, centre crops do not
            for (int i = 0; i < first.size(); i++) {
                FaceCrop f = first.get(i);
                assertThat(second.get(i)).isEqualTo(f.detected() ? Optional.of(f) : Optional.empty());
            }
            assertThat(cache.cropLargestOrCenter(data.samples().get(0).file())).isEqualTo(first.get(0));
        }
    }
}
