package io.fer.video;

import io.fer.core.Prediction;
import io.fer.core.face.FaceBox;
import io.fer.core.face.FaceLandmarks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Gives faces stable ids across frames by greedy association: every (track, face) pair whose boxes overlap by at
 * least {@link TrackerSettings#minOverlap()} is a candidate, the best pairs are taken first (intersection over union,
 * ties and near-ties settled by how far apart the five landmarks are), and each track and face is used once. Faces
 * left over start new tracks; tracks left over count a missed frame and end after
 * {@link TrackerSettings#maxMissedFrames()} of them. Not thread-safe: one tracker per stream.
 */
final class FaceTracker {
    /** How much a landmark distance of one face width lowers a pair's score. */
    private static final double LANDMARK_WEIGHT = 0.1;

    private final TrackerSettings settings;
    private final List<Track> tracks = new ArrayList<>();
    private final List<Integer> ended = new ArrayList<>();
    private int nextId = 1;

    public FaceTracker(TrackerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    private static final class Track {
        final int id;
        FaceBox box;
        FaceLandmarks landmarks;
        int missed;

        Track(int id, Prediction p) {
            this.id = id;
            this.box = p.face();
            this.landmarks = p.landmarks();
        }
    }

    private record Pair(Track track, int face, double score) {}

    /** Assigns this frame's faces to tracks, in the order given. */
    public List<TrackedFace> update(List<Prediction> faces) {
        ended.clear();
        List<Pair> pairs = new ArrayList<>();
        for (Track t : tracks) {
            for (int i = 0; i < faces.size(); i++) {
                Prediction p = faces.get(i);
                double iou = iou(t.box, p.face());
                if (iou >= settings.minOverlap()) {
                    pairs.add(new Pair(t, i, iou - LANDMARK_WEIGHT * landmarkDistance(t, p)));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::score).reversed());
        TrackedFace[] out = new TrackedFace[faces.size()];
        List<Track> matched = new ArrayList<>();
        for (Pair pair : pairs) {
            if (out[pair.face()] != null || matched.contains(pair.track())) {
                continue;
            }
            Prediction p = faces.get(pair.face());
            pair.track().box = p.face();
            pair.track().landmarks = p.landmarks();
            pair.track().missed = 0;
            matched.add(pair.track());
            out[pair.face()] = new TrackedFace(pair.track().id, p, false);
        }
        for (Track t : List.copyOf(tracks)) {
            if (!matched.contains(t) && ++t.missed > settings.maxMissedFrames()) {
                tracks.remove(t);
                ended.add(t.id);
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                Track t = new Track(nextId++, faces.get(i));
                tracks.add(t);
                out[i] = new TrackedFace(t.id, faces.get(i), true);
            }
        }
        return List.of(out);
    }

    /**
     * Moves a live track's box to where a {@link FaceFollower} found its face between detections, so that the next
     * detection is matched against where the face is now rather than where it was; unknown ids are ignored.
     */
    public void moveTo(int trackId, FaceBox box) {
        for (Track t : tracks) {
            if (t.id == trackId) {
                t.box = Objects.requireNonNull(box, "box");
                t.landmarks = null;   // the landmarks stayed at the detection; only the box moved
            }
        }
    }

    /** The tracks the last {@link #update} ended (their faces missed too many frames in a row). */
    public List<Integer> endedTracks() {
        return List.copyOf(ended);
    }

    /** The ids of the tracks alive now. */
    public List<Integer> liveTracks() {
        return tracks.stream().map(t -> t.id).toList();
    }

    /** Intersection over union of two boxes, 0..1. */
    static double iou(FaceBox a, FaceBox b) {
        long x0 = Math.max(a.x(), b.x());
        long y0 = Math.max(a.y(), b.y());
        long x1 = Math.min((long) a.x() + a.width(), (long) b.x() + b.width());
        long y1 = Math.min((long) a.y() + a.height(), (long) b.y() + b.height());
        if (x1 <= x0 || y1 <= y0) {
            return 0;
        }
        double inter = (double) (x1 - x0) * (y1 - y0);
        return inter / (a.area() + b.area() - inter);
    }

    /** Mean distance of the five landmarks in face widths; 0 when either side has none. */
    private static double landmarkDistance(Track t, Prediction p) {
        if (t.landmarks == null || p.landmarks() == null) {
            return 0;
        }
        List<FaceLandmarks.Point> a = t.landmarks.points();
        List<FaceLandmarks.Point> b = p.landmarks().points();
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += Math.hypot(a.get(i).x() - b.get(i).x(), a.get(i).y() - b.get(i).y());
        }
        return sum / a.size() / Math.max(1, t.box.width());
    }
}
