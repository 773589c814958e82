package io.fer.video;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accumulates one track's time per smoothed label for its {@link TrackSummary}. */
final class TrackStats {
    private final int id;
    private final List<String> labels;
    private final double[] seconds;
    private double first = Double.NaN;
    private double last;
    private int lastLabel = -1;
    private long frames;

    TrackStats(int id, List<String> labels) {
        this.id = id;
        this.labels = labels;
        this.seconds = new double[labels.size()];
    }

    void add(double time, String label) {
        if (lastLabel >= 0) {
            seconds[lastLabel] += time - last;
        } else {
            first = time;
        }
        last = time;
        lastLabel = labels.indexOf(label);
        frames++;
    }

    TrackSummary summary() {
        double[] s = seconds.clone();
        // the last sighting counts for a typical interval (one unit when the track was seen once)
        double total = last - first;
        if (lastLabel >= 0) {
            s[lastLabel] += frames > 1 ? total / (frames - 1) : 1;
        }
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        Map<String, Double> share = new LinkedHashMap<>();
        int best = 0;
        for (int i = 0; i < s.length; i++) {
            share.put(labels.get(i), sum > 0 ? s[i] / sum : 0);
            if (s[i] > s[best]) {
                best = i;
            }
        }
        return new TrackSummary(id, first, last, frames, share, labels.get(best));
    }
}
