package io.fer.train.internal.graph;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.fer.train.eval.EpochMetrics;
import io.fer.train.eval.TrainingPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tensorflow.Session;

/**
 * A training run's state after its latest finished epoch, in a folder: {@code checkpoint.json} (where the run stands,
 * its history, its best epoch) and the variable files it names (every variable after that epoch, and at the best
 * epoch). Variable files carry their epoch in their name and the JSON is written last, so an interruption at any
 * moment leaves the previous checkpoint whole.
 */
final class Checkpoint {
    static final String STATE = "checkpoint.json";
    private static final int FORMAT = 1;
    // phases are written as their number (1, 2), as in the checkpoints written before TrainingPhase existed
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .registerTypeAdapter(TrainingPhase.class, new PhaseNumber())
            .create();

    /** What {@code checkpoint.json} holds. */
    static final class State {
        int format = FORMAT;
        /** The run's settings; a checkpoint resumes only a run with the same ones. */
        String recipe;
        int phase;
        int epoch;
        String variables;
        String best;
        double bestAccuracy = -1;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpochIndex = -1;
        List<EpochMetrics> history = new ArrayList<>();
    }

    private final Path folder;
    private final String recipe;
    private GraphVariables variables;

    Checkpoint(Path folder, String recipe) {
        this.folder = folder;
        this.recipe = recipe;
    }

    Path folder() {
        return folder;
    }

    /** The saved state, if the folder holds one; refuses a checkpoint of other settings, naming both. */
    Optional<State> load() {
        Path file = folder.resolve(STATE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        State s;
        try {
            s = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), State.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read checkpoint " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new IllegalStateException("Checkpoint " + file + " is damaged: " + e.getMessage(), e);
        }
        if (s == null || s.format != FORMAT) {
            throw new IllegalStateException("Checkpoint " + file + " has format " + (s == null ? "none" : s.format)
                    + "; this version reads format " + FORMAT);
        }
        if (!recipe.equals(s.recipe)) {
            throw new IllegalStateException("Checkpoint " + file + " belongs to another run: it was written for "
                    + s.recipe + ", this run is " + recipe + "; use another checkpoint folder or delete this one");
        }
        return Optional.of(s);
    }

    /** Writes every variable of the graph as the state after {@code phase}/{@code epoch}, and the JSON last. */
    void save(Session session, org.tensorflow.Graph graph, State s, boolean bestNow) {
        try {
            Files.createDirectories(folder);
            String tag = String.format(Locale.ROOT, "p%d-e%04d", s.phase, s.epoch);
            String varsName = "variables-" + tag + ".bin";
            vars(graph).save(session, folder.resolve(varsName));
            s.variables = varsName;
            if (bestNow) {
                String bestName = "best-" + tag + ".bin";
                Files.copy(folder.resolve(varsName), folder.resolve(bestName), StandardCopyOption.REPLACE_EXISTING);
                s.best = bestName;
            }
            s.recipe = recipe;
            Path tmp = folder.resolve(STATE + ".tmp");
            Files.writeString(tmp, GSON.toJson(s), StandardCharsets.UTF_8);
            io.fer.core.internal.AtomicFiles.move(tmp, folder.resolve(STATE));
            deleteOthers(s);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write checkpoint in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Restores the variables of {@code file} (a name from the state) into the graph. */
    void restore(Session session, org.tensorflow.Graph graph, String file) {
        try {
            vars(graph).restore(session, folder.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resume from checkpoint " + folder.resolve(file) + ": "
                    + e.getMessage(), e);
        }
    }

    private GraphVariables vars(org.tensorflow.Graph graph) {
        if (variables == null) {
            variables = new GraphVariables(graph);
        }
        return variables;
    }

    private void deleteOthers(State s) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.bin")) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if ((n.startsWith("variables-") || n.startsWith("best-")) && !n.equals(s.variables)
                        && !n.equals(s.best)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** A {@link TrainingPhase} as its number in JSON. */
    private static final class PhaseNumber extends TypeAdapter<TrainingPhase> {
        @Override
        public void write(JsonWriter out, TrainingPhase phase) throws IOException {
            out.value(phase.number());
        }

        @Override
        public TrainingPhase read(JsonReader in) throws IOException {
            return TrainingPhase.of(in.nextInt());
        }
    }
}
