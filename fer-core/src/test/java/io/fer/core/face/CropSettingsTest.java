package io.fer.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import io.fer.core.face.CropSettings.NoFacePolicy;
import org.junit.jupiter.api.Test;

class CropSettingsTest {

    @Test
    void defaultsDetectSquareCropsWithAMarginAndCentreCropWhenNoFace() {
        CropSettings d = CropSettings.defaults();
        assertThat(d.inputSize()).isEqualTo(224);
        assertThat(d.margin()).isEqualTo(0.1);
        assertThat(d.square()).isTrue();
        assertThat(d.detectFaces()).isTrue();
        assertThat(d.noFacePolicy()).isEqualTo(NoFacePolicy.CENTER_CROP);
        CropSettings pre = CropSettings.preCropped(48);
        assertThat(pre.detectFaces()).isFalse();
        assertThat(pre.inputSize()).isEqualTo(48);
        assertThat(d.withInputSize(260).inputSize()).isEqualTo(260);
        assertThat(d.toBuilder().build()).isEqualTo(d);
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> CropSettings.builder().inputSize(0).build()).hasMessageContaining("inputSize")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> CropSettings.builder().margin(-0.1).build()).hasMessageContaining("margin")
                .hasMessageContaining("-0.1");
        assertThatThrownBy(() -> CropSettings.builder().margin(Double.NaN).build()).hasMessageContaining("NaN");
    }

    @Test
    void roundTripsThroughJsonAndAMissingPolicyReadsAsCentreCrop() {
        Gson gson = new Gson();
        CropSettings s = CropSettings.builder().inputSize(300).margin(0.25).square(false)
                .noFacePolicy(NoFacePolicy.SKIP).build();
        String json = gson.toJson(s);
        assertThat(json).contains("\"inputSize\":300").contains("\"noFacePolicy\":\"SKIP\"");
        assertThat(gson.fromJson(json, CropSettings.class)).isEqualTo(s);
        CropSettings old = gson.fromJson("{\"inputSize\":224,\"margin\":0.1,\"square\":true,\"detectFaces\":true}",
                CropSettings.class);
        assertThat(old.noFacePolicy()).isEqualTo(NoFacePolicy.CENTER_CROP);
    }

    @Test
    void pixelKeyIgnoresOnlyThePolicy() {
        CropSettings a = CropSettings.defaults();
        assertThat(a.pixelKey()).isEqualTo("size=224;margin=0.1;square=true;detect=true");
        assertThat(a.toBuilder().noFacePolicy(NoFacePolicy.FAIL).build().pixelKey()).isEqualTo(a.pixelKey());
        assertThat(a.withInputSize(240).pixelKey()).isNotEqualTo(a.pixelKey());
        assertThat(a.toBuilder().margin(0.2).build().pixelKey()).isNotEqualTo(a.pixelKey());
        assertThat(a.toBuilder().square(false).build().pixelKey()).isNotEqualTo(a.pixelKey());
        assertThat(a.toBuilder().detectFaces(false).build().pixelKey()).isNotEqualTo(a.pixelKey());
    }
}
