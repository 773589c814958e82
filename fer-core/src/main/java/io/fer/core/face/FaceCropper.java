package io.fer.core.face;

import io.fer.core.face.CropSettings.NoFacePolicy;
import io.fer.core.face.FaceCrop.Origin;
import io.fer.core.image.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cuts faces out of images as {@link CropSettings} say: the one code path for training and for run time, so that a
 * model sees at run time exactly the crops it was trained on.
 *
 * <p>Geometry of a box crop: the face box grows by {@code margin} of its size on each side (to a square of its
 * larger side when {@code square}); a region that would leave the image is <em>clamped</em>, not padded: shifted back
 * inside, and shrunk to the image's size if it is larger, so that every pixel of a crop is a real pixel. An
 * <em>aligned</em> crop ({@code align}, for faces with landmarks) is the same size, turned so that the eyes lie on one
 * row and centred between the eyes and the mouth ({@link FaceAligner}). A centre crop is the largest centred square
 * (the whole image when not {@code square}). The region is then resized to {@code inputSize x inputSize}
 * ({@link RgbImage#resize}); grey images stay three equal channels.
 *
 * <p>Thread-safe when its detector is. Closing closes the detector it made itself, not one it was given.
 */
public final class FaceCropper implements AutoCloseable {
    /** Bumped whenever the crop geometry or resampling changes, so that crop caches do not serve stale crops. */
    // 3: detectors with landmarks, aligned crops, and detection on images shrunk to DETECTION_MAX_PIXELS
    public static final int ALGORITHM_VERSION = 3;

    private final CropSettings settings;
    private final FaceDetector detector;
    private final FaceDetector bounded;
    private final boolean ownsDetector;

    /**
     * A cropper with its own detector, made from the settings' {@link CropSettings#detector()}, when the settings
     * detect faces.
     *
     * @throws IllegalStateException if OpenCV or the detector's model cannot be loaded, or the settings name an
     *     application's own detector (pass it with {@link #FaceCropper(CropSettings, FaceDetector)})
     */
    public FaceCropper(CropSettings settings) {
        this(settings, settings.detectFaces() ? settings.detector().create() : null, true);
    }

    /**
     * A cropper that uses the given detector, which stays open when the cropper closes.
     *
     * @param detector finds faces; may be null only when the settings do not detect faces
     */
    public FaceCropper(CropSettings settings, FaceDetector detector) {
        this(settings, detector, false);
    }

    private FaceCropper(CropSettings settings, FaceDetector detector, boolean ownsDetector) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.detectFaces() && detector == null) {
            throw new IllegalArgumentException("The crop settings detect faces but no face detector was given");
        }
        this.detector = detector;
        this.bounded = DownscalingDetector.bounded(detector); // detection memory must not grow with the image
        this.ownsDetector = ownsDetector;
    }

    /** The settings this cropper follows. */
    public CropSettings settings() {
        return settings;
    }

    /** The detector, or null when the settings do not detect faces. */
    public FaceDetector detector() {
        return detector;
    }

    /** Crops the largest face, applying the no-face policy; see {@link #crop(RgbImage, String)}. */
    public Optional<FaceCrop> crop(RgbImage image) {
        return crop(image, "the image");
    }

    /**
     * Crops the largest face and applies the no-face policy.
     *
     * @param sourceName names the image in a {@link NoFaceException}
     * @return the crop; empty when no face was found and the policy is {@link NoFacePolicy#SKIP}
     * @throws NoFaceException when no face was found and the policy is {@link NoFacePolicy#FAIL}
     */
    public Optional<FaceCrop> crop(RgbImage image, String sourceName) {
        return applyPolicy(cropLargestOrCenter(image), sourceName);
    }

    /**
     * Crops every face found, largest first. With none found the policy decides: one centre crop, none, or
     * {@link NoFaceException}. Without detection: the one crop of the whole image.
     */
    public List<FaceCrop> cropAll(RgbImage image) {
        if (!settings.detectFaces()) {
            return List.of(centerCrop(image, Origin.DETECTION_OFF));
        }
        List<DetectedFace> faces = bounded.detect(image);
        if (faces.isEmpty()) {
            return applyPolicy(centerCrop(image, Origin.NO_FACE_CENTER_CROP), "the image").stream().toList();
        }
        List<FaceCrop> crops = new ArrayList<>(faces.size());
        for (DetectedFace face : faces) {
            crops.add(cropAround(image, face));
        }
        return List.copyOf(crops);
    }

    /**
     * The crop of the largest face, or the centre crop when none is found or detection is off, with no policy
     * applied: what a crop cache stores. {@link #applyPolicy} turns it into {@link #crop}'s answer.
     */
    public FaceCrop cropLargestOrCenter(RgbImage image) {
        if (!settings.detectFaces()) {
            return centerCrop(image, Origin.DETECTION_OFF);
        }
        List<DetectedFace> faces = bounded.detect(image);
        if (faces.isEmpty()) {
            return centerCrop(image, Origin.NO_FACE_CENTER_CROP);
        }
        // the largest, first of equals: a custom detector need not sort
        DetectedFace largest = faces.stream().max(Comparator.comparingLong((DetectedFace f) -> f.box().area()))
                .orElseThrow();
        return cropAround(image, largest);
    }

    /**
     * Applies the no-face policy to a crop from {@link #cropLargestOrCenter}: a detected face (or a crop made with
     * detection off) passes; a centre crop made because no face was found passes, disappears or throws.
     */
    public Optional<FaceCrop> applyPolicy(FaceCrop crop, String sourceName) {
        if (crop.origin() != Origin.NO_FACE_CENTER_CROP) {
            return Optional.of(crop);
        }
        return switch (settings.noFacePolicy()) {
            case CENTER_CROP -> Optional.of(crop);
            case SKIP -> Optional.empty();
            case FAIL -> throw new NoFaceException(sourceName);
        };
    }

    /**
     * Identifies what decides a crop's pixels: algorithm version, settings ({@link CropSettings#pixelKey()}) and the
     * detector's {@link FaceDetector#id()}. Equal keys give equal crops of equal images.
     */
    public String cacheKey() {
        return "fer-crop-v" + ALGORITHM_VERSION + ";" + settings.pixelKey() + ";locator="
                + (settings.detectFaces() ? detector.id() : "none");
    }

    /** The region cut out around a face: box plus margin, square if asked, clamped into the image. */
    FaceBox regionAround(FaceBox face, int imageWidth, int imageHeight) {
        double grow = 1 + 2 * settings.margin();
        int w;
        int h;
        if (settings.square()) {
            int side = (int) Math.round(Math.max(face.width(), face.height()) * grow);
            w = h = Math.max(1, Math.min(side, Math.min(imageWidth, imageHeight)));
        } else {
            w = Math.max(1, Math.min((int) Math.round(face.width() * grow), imageWidth));
            h = Math.max(1, Math.min((int) Math.round(face.height() * grow), imageHeight));
        }
        int x = clamp((int) Math.round(face.centerX() - w / 2.0), 0, imageWidth - w);
        int y = clamp((int) Math.round(face.centerY() - h / 2.0), 0, imageHeight - h);
        return new FaceBox(x, y, w, h);
    }

    /** The largest centred square, or the whole image when crops are not square. */
    FaceBox centerRegion(int imageWidth, int imageHeight) {
        if (!settings.square()) {
            return new FaceBox(0, 0, imageWidth, imageHeight);
        }
        int side = Math.min(imageWidth, imageHeight);
        return new FaceBox((imageWidth - side) / 2, (imageHeight - side) / 2, side, side);
    }

    private FaceCrop cropAround(RgbImage image, DetectedFace detected) {
        FaceBox face = detected.box();
        if (settings.align() && detected.hasLandmarks()) {
            double grow = 1 + 2 * settings.margin();
            double w = face.width() * grow;
            double h = face.height() * grow;
            if (settings.square()) {
                w = h = Math.max(w, h);
            }
            FaceAligner.Aligned aligned = FaceAligner.align(image, detected.landmarks(), w, h, settings.inputSize(),
                    settings.verticalShift());
            return new FaceCrop(face, aligned.bounds(), Origin.DETECTED, aligned.image(), detected.landmarks(),
                    detected.score());
        }
        FaceBox region = regionAround(face, image.width(), image.height());
        return new FaceCrop(face, region, Origin.DETECTED, cut(image, region), detected.landmarks(),
                detected.score());
    }

    private FaceCrop centerCrop(RgbImage image, Origin origin) {
        FaceBox region = centerRegion(image.width(), image.height());
        return new FaceCrop(region, region, origin, cut(image, region));
    }

    private RgbImage cut(RgbImage image, FaceBox region) {
        int size = settings.inputSize();
        return image.crop(region.x(), region.y(), region.width(), region.height()).resize(size, size);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public void close() {
        if (ownsDetector && detector != null) {
            detector.close();
        }
    }
}
