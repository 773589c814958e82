package io.fer.video;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.fer.core.face.FaceBox;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code timeline.csv} and {@code timeline.jsonl} (one row / line per face per analysed or followed frame,
 * flushed after every frame so that a crash or Ctrl-C keeps everything analysed) and, at the end,
 * {@code summary.json}. The last column ({@code followed}: 1 or 0) says whether the face was followed from the last
 * detection rather than detected and classified in that frame.
 */
final class TimelineWriter implements Closeable {
    static final String CSV = "timeline.csv";
    static final String JSONL = "timeline.jsonl";
    static final String SUMMARY = "summary.json";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues()
            .create();

    private final Path folder;
    private final List<String> labels;
    private final BufferedWriter csv;
    private final BufferedWriter jsonl;
    private boolean closed;

    TimelineWriter(Path folder, List<String> labels) throws IOException {
        this.folder = folder;
        this.labels = List.copyOf(labels);
        Files.createDirectories(folder);
        csv = Files.newBufferedWriter(folder.resolve(CSV), StandardCharsets.UTF_8);
        jsonl = Files.newBufferedWriter(folder.resolve(JSONL), StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("frame,time_s,track,x,y,width,height,raw_label,raw_confidence,label,confidence");
        for (String l : labels) {
            h.append(",p_").append(csvText(l));
        }
        h.append(",followed");
        csv.write(h.append('\n').toString());
        csv.flush();
    }

    void write(FrameResult result) throws IOException {
        for (FrameResult.Face f : result.faces()) {
            FaceBox b = f.raw().face();
            int best = labels.indexOf(f.label());
            StringBuilder row = new StringBuilder();
            row.append(result.frame()).append(',').append(num(result.timeSeconds())).append(',').append(f.trackId())
                    .append(',').append(b.x()).append(',').append(b.y()).append(',').append(b.width()).append(',')
                    .append(b.height()).append(',').append(csvText(f.raw().label())).append(',')
                    .append(num(f.raw().confidence())).append(',').append(csvText(f.label())).append(',')
                    .append(num(best >= 0 ? f.smoothed()[best] : Float.NaN));
            for (float p : f.smoothed()) {
                row.append(',').append(num(p));
            }
            row.append(',').append(f.followed() ? 1 : 0);
            csv.write(row.append('\n').toString());

            JsonObject line = new JsonObject();
            line.addProperty("frame", result.frame());
            line.addProperty("time_s", round(result.timeSeconds()));
            line.addProperty("track", f.trackId());
            JsonArray box = new JsonArray();
            box.add(b.x());
            box.add(b.y());
            box.add(b.width());
            box.add(b.height());
            line.add("box", box);
            line.addProperty("raw_label", f.raw().label());
            line.addProperty("raw_confidence", round(f.raw().confidence()));
            line.addProperty("label", f.label());
            JsonObject raw = new JsonObject();
            JsonObject smooth = new JsonObject();
            for (int i = 0; i < labels.size(); i++) {
                Float p = f.raw().probabilities().get(labels.get(i));
                raw.addProperty(labels.get(i), p == null ? null : round(p));
                smooth.addProperty(labels.get(i), round(f.smoothed()[i]));
            }
            line.add("raw", raw);
            line.add("smoothed", smooth);
            line.addProperty("followed", f.followed());
            jsonl.write(GSON.toJson(line));
            jsonl.write('\n');
        }
        csv.flush();
        jsonl.flush();
    }

    /** Writes summary.json beside the timelines, whole or not at all. */
    void writeSummary(VideoReport report) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("source", report.source());
        root.addProperty("frames_read", report.framesRead());
        root.addProperty("frames_analysed", report.framesAnalysed());
        root.addProperty("frames_followed", report.framesFollowed());
        root.addProperty("frames_dropped", report.framesDropped());
        root.addProperty("faces", report.faces());
        root.addProperty("seconds", round(report.seconds()));
        root.addProperty("frames_per_second", round(report.framesPerSecond()));
        root.addProperty("damage", report.damage());
        root.addProperty("stopped", report.stopped());
        JsonArray tracks = new JsonArray();
        for (TrackSummary t : report.tracks()) {
            JsonObject o = new JsonObject();
            o.addProperty("track", t.trackId());
            o.addProperty("first_s", round(t.firstSeconds()));
            o.addProperty("last_s", round(t.lastSeconds()));
            o.addProperty("frames", t.frames());
            o.addProperty("dominant", t.dominant());
            JsonObject share = new JsonObject();
            t.share().forEach((k, v) -> share.addProperty(k, round(v)));
            o.add("share", share);
            tracks.add(o);
        }
        root.add("tracks", tracks);
        Path tmp = Files.createTempFile(folder, ".summary", ".json");
        try {
            Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
                    .create().toJson(root) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, folder.resolve(SUMMARY), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (csv; jsonl) {
            csv.flush();
            jsonl.flush();
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "";
    }

    private static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10_000) / 10_000.0 : null;
    }

    /** A label as a CSV field: quoted when it holds a comma, quote or line break. */
    private static String csvText(String s) {
        if (s == null) {
            return "";
        }
        return s.matches("[^,\"\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
