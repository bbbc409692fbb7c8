package io.cascadelab.train;

import com.google.gson.JsonObject;
import io.cascadelab.model.Checkpoint;
import io.cascadelab.model.SafetensorsWriter;
import io.cascadelab.model.TensorDType;
import io.cascadelab.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A training checkpoint committed in one atomic step, so that a kill at any moment leaves either
 * the previous checkpoint or the new one, never newer weights beside an older state: the weights
 * are written under a name of their own ({@code checkpoint-<step>.safetensors}), then
 * {@code checkpoint.json}, which names them and their size, replaces the old one by an atomic
 * rename; that rename is the commit. Older weights are removed afterwards.
 */
public final class TrainingCheckpoint {

    static final String STATE = "checkpoint.json";
    /** The single weights file of checkpoints written before the atomic commit. */
    static final String LEGACY_WEIGHTS = "checkpoint.safetensors";

    private TrainingCheckpoint() {
    }

    /** A committed checkpoint: its state (step, counters) and its weights. */
    public record Saved(JsonObject state, Checkpoint weights) {
    }

    /** Commits {@code weights} and {@code state} (which must hold "step") to {@code workDir}. */
    public static void save(Path workDir, SafetensorsWriter weights, JsonObject state) throws IOException {
        String name = "checkpoint-" + state.get("step").getAsInt() + ".safetensors";
        Path tmp = workDir.resolve(name + ".tmp");
        weights.write(tmp, TensorDType.F32);
        Files.move(tmp, workDir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        state.addProperty("weights", name);
        state.addProperty("weights_bytes", Files.size(workDir.resolve(name)));
        Json.writeAtomically(workDir.resolve(STATE), state); // the commit
        try (Stream<Path> files = Files.list(workDir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                boolean stale = n.equals(LEGACY_WEIGHTS) || n.endsWith(".safetensors.tmp")
                        || (n.startsWith("checkpoint-") && n.endsWith(".safetensors") && !n.equals(name));
                if (stale) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * The committed checkpoint of {@code workDir}, or empty when there is none (weights of a save
     * that never committed are ignored). A state whose weights are missing, of another size, or
     * (older layout) written after it, is refused: resuming from it would continue from the wrong step.
     */
    public static Optional<Saved> load(Path workDir) throws IOException {
        Path statePath = workDir.resolve(STATE);
        if (!Files.isRegularFile(statePath)) {
            return Optional.empty();
        }
        JsonObject state = Json.read(statePath);
        Path weights;
        if (state.has("weights")) {
            weights = workDir.resolve(state.get("weights").getAsString());
            if (!Files.isRegularFile(weights)) {
                throw new IOException(statePath + " names " + weights.getFileName() + ", which is missing: the"
                        + " checkpoint is damaged; delete " + workDir + " to start over");
            }
            long want = state.get("weights_bytes").getAsLong();
            if (Files.size(weights) != want) {
                throw new IOException(weights + " has " + Files.size(weights) + " bytes but " + statePath
                        + " recorded " + want + ": the weights do not belong to this state; delete " + workDir
                        + " to start over");
            }
        } else {
            weights = workDir.resolve(LEGACY_WEIGHTS);
            if (!Files.isRegularFile(weights)) {
                throw new IOException(statePath + " has no weights beside it (" + weights.getFileName() + "); delete "
                        + workDir + " to start over");
            }
            // the older layout wrote the weights first, then the state: weights newer than the state are from a
            // save that was cut short
            if (Files.getLastModifiedTime(weights).toMillis() > Files.getLastModifiedTime(statePath).toMillis() + 1000) {
                throw new IOException(weights + " is newer than " + statePath + " (a save was interrupted between"
                        + " the two files): they are of different steps; delete " + workDir + " to start over");
            }
        }
        return Optional.of(new Saved(state, Checkpoint.ofFile(weights)));
    }
}
