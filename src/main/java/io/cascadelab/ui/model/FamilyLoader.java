package io.cascadelab.ui.model;

import ai.djl.Device;
import io.cascadelab.catalog.ModelCatalog;
import io.cascadelab.decode.Cascade;
import io.cascadelab.decode.CostProbe;
import io.cascadelab.decode.DraftModelLevel;
import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.DrafterKinds;
import io.cascadelab.decode.LevelSpec;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
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
    /** k for the levels listed at load: large enough that a head drafter runs all its heads. */
    private static final int PROBE_K = 64;
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
        progress.report(-1, "Loading " + folder.getFileName() + ModelCatalog.memoryNote(folder).map(n -> " (" + n + ")")
                .orElse("") + "…");
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
        progress.report(-1, "Loading " + drafter.getFileName() + ModelCatalog.memoryNote(drafter).map(n -> " (" + n + ")")
                .orElse("") + " with " + c.target().name() + "…");
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
            List<LevelSpec> levels = allLevels(f);
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
                ModelCost c = levels.get(i).cost(names.get(i + 1), i + 1, COST_CONTEXT, COST_K, REPEATS);
                costs.add(c);
                infos.add(new LevelInfo(levels.get(i).role(), names.get(i + 1), c.parameters(), c.nanos1()));
            }
            progress.report(1, "Ready");
            return new LoadedFamily(f, source, infos, costs);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** Every level the family can run: its draft models, then every drafter kind it has (largest head count). */
    private static List<LevelSpec> allLevels(ModelFamily f) {
        List<LevelSpec> out = new ArrayList<>();
        for (LoadedModel d : f.drafts()) {
            out.add(new DraftModelLevel(d));
        }
        MethodSpec widest = new MethodSpec(MethodSpec.Method.SD, PROBE_K, 1, 1, null, null);
        for (DrafterKind kind : DrafterKinds.all()) {
            if (kind.availableIn(f)) {
                out.add(kind.level(f, widest));
            }
        }
        return out;
    }
}
