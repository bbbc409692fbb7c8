package io.cascadelab.ui.model;

import ai.djl.Device;
import io.cascadelab.decode.Cascade;
import io.cascadelab.decode.CostProbe;
import io.cascadelab.decode.KMatrix;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.draft.MlpSpeculator;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.gguf.ModelFiles;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.trace.ModelCost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads model families for the explorer and measures each level's cost per forward. Runs on a
 * background thread; reports progress through a {@link Progress} sink. Errors are
 * {@link ModelLoadException}s whose message says what is wrong.
 */
public final class FamilyLoader {

    /** Context length the costs are measured at. */
    public static final int COST_CONTEXT = 64;
    /** Draft tokens per review assumed for c(k+1). */
    static final int COST_K = 6;
    private static final int REPEATS = 5;

    /** Receives progress in [0, 1] with a message. */
    @FunctionalInterface
    public interface Progress {
        void report(double fraction, String message);
    }

    private final Device device;

    public FamilyLoader(Device device) {
        this.device = device;
    }

    /**
     * A family folder ({@code target/}, {@code draft-*}/, {@code speculator/}) or a single model
     * folder, which becomes a target without draft models.
     */
    public LoadedFamily open(Path folder, Progress progress) {
        if (!Files.isDirectory(folder) && !ModelFiles.isGguf(folder)) {
            throw new ModelLoadException(folder + " is neither a model folder nor a GGUF file");
        }
        progress.report(-1, "Loading " + folder.getFileName() + "…");
        ModelFamily f = Files.isDirectory(folder.resolve("target"))
                ? ModelFamily.loadFolder(folder, device)
                : ModelFamily.load(folder, List.of(), device);
        return measured(f, folder, progress);
    }

    /** {@code current}'s models plus the draft model in {@code drafter}; {@code current} stays open. */
    public LoadedFamily addDrafter(LoadedFamily current, Path drafter, Progress progress) {
        ModelFamily c = current.family();
        List<Path> drafts = new ArrayList<>();
        c.drafts().forEach(d -> drafts.add(d.dir()));
        if (drafts.contains(drafter.toAbsolutePath().normalize())) {
            throw new ModelLoadException(drafter + " is already a drafter of this family");
        }
        drafts.add(drafter);
        progress.report(-1, "Loading " + drafter.getFileName() + " with " + c.target().name() + "…");
        ModelFamily f = ModelFamily.load(c.target().dir(), drafts, device);
        try {
            f = f.withSpeculator(c.speculator() == null ? null : c.speculator().dir(), device);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
        return measured(f, current.source(), progress);
    }

    private LoadedFamily measured(ModelFamily f, Path source, Progress progress) {
        try {
            List<Cascade.Level> levels = allLevels(f);
            List<String> names = Cascade.levelNames(f.target(), levels);
            List<LevelInfo> infos = new ArrayList<>();
            List<ModelCost> costs = new ArrayList<>();
            int total = levels.size() + 1;
            progress.report(0, "Measuring " + names.get(0) + "…");
            ModelCost tc = CostProbe.measure(f.target(), names.get(0), 0, COST_CONTEXT, COST_K, REPEATS);
            costs.add(tc);
            infos.add(new LevelInfo("target", names.get(0), tc.parameters(), tc.nanos1()));
            for (int i = 0; i < levels.size(); i++) {
                progress.report((i + 1) / (double) total, "Measuring " + names.get(i + 1) + "…");
                Cascade.Level level = levels.get(i);
                String name = names.get(i + 1);
                ModelCost c;
                String role;
                if (level instanceof Cascade.ModelLevel ml) {
                    c = CostProbe.measure(ml.model(), name, i + 1, COST_CONTEXT, COST_K, REPEATS);
                    role = "draft model";
                } else if (level instanceof Cascade.SpeculatorSpec sp) {
                    c = CostProbe.measureSpeculator(sp.speculator(), name, i + 1, sp.heads(), REPEATS);
                    role = "MLP speculator";
                } else {
                    c = ModelCost.maxGram(i + 1);
                    role = f.bigram() != null ? "Max-Gram + bigram" : "Max-Gram";
                }
                costs.add(c);
                infos.add(new LevelInfo(role, names.get(i + 1), c.parameters(), c.nanos1()));
            }
            progress.report(1, "Ready");
            return new LoadedFamily(f, source, infos, costs);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** Every level the family can run: its draft models, its speculator, Max-Gram. */
    private static List<Cascade.Level> allLevels(ModelFamily f) {
        List<Cascade.Level> out = new ArrayList<>();
        for (LoadedModel d : f.drafts()) {
            out.add(new Cascade.ModelLevel(d));
        }
        MlpSpeculator s = f.speculator();
        if (s != null) {
            out.add(new Cascade.SpeculatorSpec(s, s.config().nPredict(), false));
        }
        out.addAll(new MethodSpec(MethodSpec.Method.SD, 1, 1, 1, KMatrix.of(new int[][] {{1}}), "mag").levels(f));
        return out;
    }
}
