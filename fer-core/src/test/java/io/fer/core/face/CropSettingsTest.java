package io.fer.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import io.fer.core.face.CropSettings.NoFacePolicy;
import org.junit.jupiter.api.Test;

class CropSettingsTest {

    @Test
    void defaultsDetectWithYuNetAlignSquareCropsWithAMarginAndSkipWhenNoFace() {
        CropSettings d = CropSettings.defaults();
        assertThat(d.inputSize()).isEqualTo(224);
        assertThat(d.margin()).isEqualTo(0.1);
        assertThat(d.square()).isTrue();
        assertThat(d.detectFaces()).isTrue();
        assertThat(d.noFacePolicy()).isEqualTo(NoFacePolicy.SKIP);
        assertThat(d.detector()).isEqualTo(DetectorSettings.yunet());
        assertThat(d.align()).isTrue();
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
    void roundTripsThroughJsonAndOldSettingsReadAsTheyWereTrained() {
        Gson gson = new Gson();
        CropSettings s = CropSettings.builder().inputSize(300).margin(0.25).square(false)
                .noFacePolicy(NoFacePolicy.CENTER_CROP).align(false)
                .detector(DetectorSettings.yunet().withScoreThreshold(0.8).withMinFaceSize(12).withMaxFaces(3)
                        .withWorkingSize(320)).build();
        String json = gson.toJson(s);
        assertThat(json).contains("\"inputSize\":300").contains("\"noFacePolicy\":\"CENTER_CROP\"")
                .contains("\"kind\":\"YUNET\"").contains("\"scoreThreshold\":0.8").contains("\"align\":false");
        assertThat(gson.fromJson(json, CropSettings.class)).isEqualTo(s);
        CropSettings old = gson.fromJson("{\"inputSize\":224,\"margin\":0.1,\"square\":true,\"detectFaces\":true}",
                CropSettings.class);
        assertThat(old.noFacePolicy()).isEqualTo(NoFacePolicy.CENTER_CROP);
        assertThat(old.detector()).isEqualTo(DetectorSettings.haar());
        assertThat(old.align()).isFalse();
        assertThat(old.verticalShift()).isZero();
        CropSettings shifted = s.toBuilder().verticalShift(0.08).build();
        assertThat(gson.fromJson(gson.toJson(shifted), CropSettings.class)).isEqualTo(shifted);
    }

    @Test
    void aVerticalShiftIsCheckedAndKeyedOnlyWhenThere() {
        assertThatThrownBy(() -> CropSettings.builder().verticalShift(0.6).build()).hasMessageContaining(
                "verticalShift").hasMessageContaining("0.6");
        assertThatThrownBy(() -> CropSettings.builder().verticalShift(Double.NaN).build()).hasMessageContaining("NaN");
        assertThat(CropSettings.defaults().pixelKey()).isEqualTo(
                "size=224;margin=0.1;square=true;detect=true;align=true");
        assertThat(CropSettings.defaults().toBuilder().verticalShift(0.05).build().pixelKey()).isEqualTo(
                "size=224;margin=0.1;square=true;detect=true;align=true;shift=0.05");
        assertThat(new CropSettings(64, 0.1, true, true, NoFacePolicy.SKIP, DetectorSettings.yunet(), true)
                .verticalShift()).isZero();
    }

    @Test
    void fer2013FramingIsYuNetAlignedTightAndShiftedDown() {
        CropSettings f = CropSettings.fer2013Framing(64);
        assertThat(f.inputSize()).isEqualTo(64);
        assertThat(f.margin()).isZero();
        assertThat(f.verticalShift()).isEqualTo(0.095);
        assertThat(f.align()).isTrue();
        assertThat(f.square()).isTrue();
        assertThat(f.detectFaces()).isTrue();
        assertThat(f.detector()).isEqualTo(DetectorSettings.yunet());
        assertThat(f.noFacePolicy()).isEqualTo(NoFacePolicy.SKIP);
        // the default for every other model is unchanged
        assertThat(CropSettings.defaults().verticalShift()).isZero();
        assertThat(CropSettings.defaults().margin()).isEqualTo(0.1);
    }

    @Test
    void detectorSettingsRejectBadValuesNamingThem() {
        assertThatThrownBy(() -> DetectorSettings.yunet().withScoreThreshold(1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> DetectorSettings.yunet().withMinFaceSize(0)).hasMessageContaining("minFaceSize");
        assertThatThrownBy(() -> DetectorSettings.yunet().withMaxFaces(0)).hasMessageContaining("maxFaces");
        assertThatThrownBy(() -> DetectorSettings.yunet().withWorkingSize(10)).hasMessageContaining("workingSize");
    }

    @Test
    void workingScaleShrinksLargeFramesButKeepsTheSmallestFaceFindable() {
        DetectorSettings d = DetectorSettings.yunet();
        assertThat(d.workingScale(640, 480)).isEqualTo(1.0);
        assertThat(d.workingScale(1280, 720)).isEqualTo(0.5);
        // 640 / 3840 would shrink a 20-pixel face to 3.3 pixels: stop at 10 / 20
        assertThat(d.workingScale(3840, 2160)).isEqualTo(0.5);
        assertThat(d.withMinFaceSize(60).workingScale(3840, 2160)).isEqualTo(640.0 / 3840);
        assertThat(d.withWorkingSize(0).workingScale(3840, 2160)).isEqualTo(1.0);
    }

    @Test
    void pixelKeyIgnoresOnlyThePolicy() {
        CropSettings a = CropSettings.defaults();
        assertThat(a.pixelKey()).isEqualTo("size=224;margin=0.1;square=true;detect=true;align=true");
        assertThat(a.toBuilder().align(false).build().pixelKey()).isNotEqualTo(a.pixelKey());
        assertThat(a.toBuilder().noFacePolicy(NoFacePolicy.FAIL).build().pixelKey()).isEqualTo(a.pixelKey());
        assertThat(a.withInputSize(240).pixelKey()).isNotEqualTo(a.pixelKey());
        assertThat(a.toBuilder().margin(0.2).build().pixelKey()).isNotEqualTo(a.pixelKey());
        assertThat(a.toBuilder().square(false).build().pixelKey()).isNotEqualTo(a.pixelKey());
        assertThat(a.toBuilder().detectFaces(false).build().pixelKey()).isNotEqualTo(a.pixelKey());
    }
}
